// Buttons on Discord through real discord.js and the fake gateway: components under each one-port
// embed, a click (MESSAGE_COMPONENT) deferred at once and answered ephemerally, Share in channel
// answered publicly, unreadable custom_ids answered clearly, and a click answered by a process that
// never saw the answer.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { decodeButton } from "../../../src/adapters/kit/buttons.ts";
import {
  buttonData,
  buttonsOn,
  type DiscordButton,
  dmChannelId,
  portCommandData,
  type RecordedRequest,
} from "../../fakes/discord.ts";
import { type Harness, startHarness } from "./harness.ts";

const EPHEMERAL = 64;
let open: Harness[] = [];
afterEach(async () => {
  for (const h of open) await h.close();
  open = [];
});
async function start(): Promise<Harness> {
  const h = await startHarness();
  open.push(h);
  return h;
}

const callbackOf = (payload: Record<string, unknown>) => (r: RecordedRequest) =>
  r.method === "POST" &&
  r.decodedPath.endsWith(`/interactions/${payload.id}/${payload.token}/callback`);
const flat = (v: unknown) => JSON.stringify(v).replace(/\\\\(.)/g, "$1");

/** Asks `/port <text>` and returns the message the answer became (embeds and components). */
async function ask(h: Harness, text: string): Promise<Record<string, unknown>> {
  const payload = h.fake.sendInteraction(2, portCommandData(text));
  await h.fake.waitForRequest(callbackOf(payload));
  await h.adapter.idle();
  const key = `webhook:${payload.token}:@original`;
  const message = h.fake.messages.get(key);
  assert.ok(message, `the answer to ${text}`);
  return message;
}

/** Clicks `customId` on `message`; returns the interaction's deferral and what it became. */
async function click(h: Harness, message: Record<string, unknown>, customId: unknown) {
  const seqBefore = h.fake.requests.length;
  const payload = h.fake.sendInteraction(3, buttonData(customId), { message });
  const callback = await h.fake.waitForRequest(callbackOf(payload));
  await h.adapter.idle();
  const key = `webhook:${payload.token}:@original`;
  return {
    callback: callback.body as { type: number; data?: { flags?: number } },
    response: h.fake.messages.get(key),
    requests: h.fake.requests.slice(seqBefore),
  };
}

const byLabel = (buttons: DiscordButton[], label: RegExp) => {
  const found = buttons.find((b) => label.test(b.label));
  assert.ok(found, `${label} in ${buttons.map((b) => b.label).join(", ")}`);
  return found;
};

test("a one-port answer carries Commands, All uses (N) and Details as buttons within Discord's limits", async () => {
  const h = await start();
  const answer = await ask(h, "8080");
  const buttons = buttonsOn(answer);
  assert.deepEqual(
    buttons.map((b) => b.label.replace(/\(\d+\)/, "(N)")),
    ["Commands", "All uses (N)", "Details"],
  );
  for (const b of buttons) {
    assert.ok(b.custom_id.length <= 100 && b.label.length <= 80);
    assert.equal(decodeButton(b.custom_id)?.kind, "detail");
  }
  // Several ports in one message: each row says which port it is for.
  const several = await ask(h, "3000 8080");
  const labels = buttonsOn(several).map((b) => b.label);
  assert.ok(labels.includes("3000 · Commands") && labels.includes("8080 · Details"), `${labels}`);
});

test("a click is deferred ephemerally at once and answered to the clicker alone", async () => {
  const h = await start();
  const answer = await ask(h, "5432");
  const posted = h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length;
  const { callback, response, requests } = await click(
    h,
    answer,
    byLabel(buttonsOn(answer), /^Commands$/).custom_id,
  );
  assert.equal(callback.type, 5, "deferred");
  assert.equal((callback.data?.flags ?? 0) & EPHEMERAL, EPHEMERAL, "ephemeral");
  assert.equal(((response?.flags as number) ?? 0) & EPHEMERAL, EPHEMERAL);
  assert.match(flat(response?.embeds), /Commands to check it/);
  assert.match(flat(response?.embeds), /lsof -nP -iUDP:5432/);
  assert.equal(h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length, posted);
  assert.ok(
    !requests.some((r) => r.method === "PATCH" && r.decodedPath.includes(String(answer.id))),
    "the answer itself is never edited",
  );
  assert.deepEqual(
    buttonsOn(response).map((b) => b.label),
    [
      `All uses (${h.portbot.answer("5432").ports[0]?.unofficial.length})`,
      "Details",
      "Share in channel",
    ],
  );
});

test("forged and garbled custom_ids get a clear ephemeral answer; the bot carries on", async () => {
  const h = await start();
  const answer = await ask(h, "22");
  for (const id of ["pb1|d|99999|uses", "@everyone", "pb1|q|", undefined]) {
    const { callback, response } = await click(h, answer, id);
    assert.equal((callback.data?.flags ?? 0) & EPHEMERAL, EPHEMERAL, String(id));
    assert.match(flat(response?.embeds), /That button is no longer valid/, String(id));
  }
  // A component interaction without its message throws inside discord.js; the guard drops it.
  h.fake.dispatch("INTERACTION_CREATE", { id: "1", type: 3, data: buttonData("pb1|d|22|uses") });
  const again = await ask(h, "80");
  assert.match(flat(again.embeds), /Port 80/);
});

test("Share in channel answers publicly, unrated and unrecorded", async () => {
  const h = await start();
  const help = await ask(h, "help");
  assert.equal(((help.flags as number) ?? 0) & EPHEMERAL, EPHEMERAL, "help is private");
  const share = byLabel(buttonsOn(help), /^Share in channel$/);
  const { callback, response } = await click(h, help, share.custom_id);
  assert.equal((callback.data?.flags ?? 0) & EPHEMERAL, 0, "deferred publicly");
  assert.equal(((response?.flags as number) ?? 0) & EPHEMERAL, 0, "public");
  assert.match(flat(response?.embeds), /what's on that port\?/);
  assert.deepEqual(buttonsOn(response), [], "no share button of its own");
  assert.doesNotMatch(flat(response?.embeds), /Was this helpful/);
  assert.equal(h.fake.calls(/reactions/).length, 0, "not seeded");
  assert.equal((await h.store.stats()).answers, 0, "not recorded");
});

test("private replies sent by DM (asked in a mention) offer no Share in channel", async () => {
  const h = await start();
  const message = h.fake.userMessage({
    author: { id: "800000000000000001", username: "asker" },
    content: `<@${h.fake.bot.id}> help`,
    mentions: [h.fake.bot],
  });
  await h.dispatchAndSettle("MESSAGE_CREATE", message);
  const dm = [...h.fake.messages.values()].find(
    (m) => m.channel_id === dmChannelId("800000000000000001"),
  );
  assert.match(flat(dm?.embeds), /what's on that port\?/);
  assert.deepEqual(buttonsOn(dm), []);
});

test("a click is answered by a process that never saw the answer (restart, another shard)", async () => {
  const first = await start();
  const answer = await ask(first, "6379");
  const uses = byLabel(buttonsOn(answer), /^All uses/);
  await first.close();
  open = [];
  const second = await start();
  const { response } = await click(second, answer, uses.custom_id);
  assert.equal(((response?.flags as number) ?? 0) & EPHEMERAL, EPHEMERAL);
  assert.match(flat(response?.embeds), /Port 6379 .*All known uses/);
  assert.match(flat(response?.embeds), /Redis/);
});
