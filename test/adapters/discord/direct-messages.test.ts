// The bot's DM, and the app used where the bot is not a member (user-installed: another guild, a
// group DM), through real discord.js and the fake. A mention-free DM to the bot is in the contract
// (test/adapters/contract.ts).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import {
  dmChannelId,
  type InteractionPlace,
  messageCommandData,
  messagePayload,
  portCommandData,
} from "../../fakes/discord.ts";
import { callbackOf, type Harness, startHarness } from "./harness.ts";

const EPHEMERAL = 64;
const ASKER = { id: "800000000000000001", username: "asker" };
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** /port <text> used at `where`; resolves once the adapter is done with it. */
async function port(where: InteractionPlace, text: string) {
  if (h === null) throw new Error("no harness");
  const payload = h.fake.sendInteraction(2, portCommandData(text), { where });
  const callback = await h.fake.waitForRequest(callbackOf(payload));
  await h.adapter.idle();
  const flags = (callback.body as { data?: { flags?: number } }).data?.flags ?? 0;
  const original = h.fake.messages.get(`webhook:${payload.token}:@original`);
  return { ephemeral: (flags & EPHEMERAL) === EPHEMERAL, original };
}

const reactionPuts = () => h?.fake.calls(/\/reactions\/[^/]+\/@me$/, "PUT").length ?? 0;

test("/port in the bot's DM is answered there for the asker to rate", async () => {
  h = await startHarness();
  const { ephemeral, original } = await port("bot-dm", "5432");
  assert.equal(ephemeral, false);
  assert.match(JSON.stringify(original?.embeds), /5432/);
  assert.equal(reactionPuts(), 3, "seeded: the bot can react in its own DM");
  assert.equal((await h.store.stats()).answers, 1);
});

for (const where of ["other-guild", "private-channel"] as const) {
  test(`/port where the bot is not a member (${where}): ephemeral, unrated, nothing posted`, async () => {
    h = await startHarness();
    const { ephemeral, original } = await port(where, "5432");
    assert.equal(ephemeral, true, "deferred ephemerally");
    assert.match(JSON.stringify(original?.embeds), /5432/, "the answer is in the response");
    assert.doesNotMatch(JSON.stringify(original?.embeds), /Was this helpful/);
    assert.equal(reactionPuts(), 0, "nobody can react to an ephemeral message");
    assert.equal(h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length, 0);
  });
}

test("Explain ports in a group DM: the table in the ephemeral response, nothing in the chat", async () => {
  h = await startHarness();
  const listing = [
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name",
    "tcp        0      0 0.0.0.0:27017           0.0.0.0:*               LISTEN      3104/mongod",
  ].join("\n");
  const target = messagePayload({
    channelId: "900000000000000097",
    author: ASKER,
    content: listing,
  });
  const payload = h.fake.sendInteraction(2, messageCommandData("Explain ports", target), {
    where: "private-channel",
  });
  await h.fake.waitForRequest(callbackOf(payload));
  await h.adapter.idle();
  const original = h.fake.messages.get(`webhook:${payload.token}:@original`);
  const shown = JSON.stringify(original?.embeds);
  assert.match(shown, /1 socket in that netstat/);
  assert.match(shown, /0\.0\.0\.0:27017 +tcp +LISTEN +mongod/);
  assert.equal(h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length, 0);
  assert.equal(reactionPuts(), 0);
});

test("a mention-free message in the bot's DM is answered in the DM, not by a second DM", async () => {
  h = await startHarness();
  const message = h.fake.userMessage({ author: ASKER, content: "what is 6379?", dm: true });
  await h.dispatchAndSettle("MESSAGE_CREATE", message);
  const posts = h.fake.calls(/\/channels\/\d+\/messages$/, "POST");
  assert.equal(posts.length, 1);
  assert.ok(posts[0]?.decodedPath.includes(`/channels/${dmChannelId(ASKER.id)}/messages`));
  assert.equal(h.fake.calls(/\/users\/@me\/channels$/, "POST").length, 0, "no DM opened");
});

test("a message in a guild channel without a mention is still not a question", async () => {
  h = await startHarness();
  const message = h.fake.userMessage({ author: ASKER, content: "what is 6379?" });
  await h.dispatchAndSettle("MESSAGE_CREATE", message);
  assert.equal(h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length, 0);
});
