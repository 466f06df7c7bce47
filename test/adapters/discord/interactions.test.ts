// /port, autocomplete and the "Explain ports" context menu through real discord.js and the fake.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { renderReply } from "../../../src/adapters/discord/embeds.ts";
import {
  interactionPayload,
  messageCommandData,
  portCommandData,
  type RecordedRequest,
} from "../../fakes/discord.ts";
import { callbackOf, eventually, type Harness, startHarness } from "./harness.ts";

const EPHEMERAL = 64;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const originalOf =
  (payload: Record<string, unknown>, method = "PATCH") =>
  (r: RecordedRequest) =>
    r.method === method &&
    r.decodedPath.endsWith(
      `/webhooks/${payload.application_id}/${payload.token}/messages/@original`,
    );

interface CallbackBody {
  type: number;
  data?: { flags?: number; choices?: { name: string; value: string }[]; embeds?: unknown[] };
}
interface EditBody {
  embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  allowed_mentions?: { parse: string[] };
}

test("/port defers, edits in embeds, records the answer and seeds 😃 🤨 😔 in order", async () => {
  h = await startHarness();
  const fake = h.fake;
  const payload = fake.sendInteraction(2, portCommandData("5432"));
  const edit = await fake.waitForRequest(originalOf(payload));
  const callback = await fake.waitForRequest(callbackOf(payload));
  assert.ok(callback.at <= edit.at, "the deferral reaches Discord before the edit");
  const cb = callback.body as CallbackBody;
  assert.equal(cb.type, 5, "deferred channel message");
  assert.equal((cb.data?.flags ?? 0) & EPHEMERAL, 0, "public");
  assert.equal(fake.calls(/\/callback$/).length, 1, "exactly one initial response");

  const body = edit.body as EditBody;
  const expected = renderReply(h.portbot.reply("5432"));
  assert.deepEqual(body.embeds, expected[0]);
  assert.match(body.embeds[0]?.title ?? "", /5432/);
  assert.deepEqual(body.allowed_mentions, { parse: [] });

  const reactions = await fake.waitForRequests(
    (r) => r.method === "PUT" && /reactions/.test(r.path),
    3,
  );
  const messageId = String(fake.messages.get(`webhook:${payload.token}:@original`)?.id);
  assert.deepEqual(
    reactions.map((r) => r.decodedPath.match(/reactions\/(.+)\/@me$/)?.[1]),
    ["😃", "🤨", "😔"],
  );
  for (const r of reactions) assert.ok(r.decodedPath.includes(`/messages/${messageId}/`));

  await h.adapter.idle();
  const stats = await h.store.stats();
  assert.equal(stats.answers, 1);
  assert.deepEqual(
    stats.byPort.map((p) => p.port),
    [5432],
  );
});

test("help, invalid input and stats answer ephemerally, unrecorded and without reactions", async () => {
  h = await startHarness();
  const fake = h.fake;
  for (const query of ["help", "70000", "stats"]) {
    const payload = fake.sendInteraction(2, portCommandData(query));
    const edit = await fake.waitForRequest(originalOf(payload));
    const cb = (await fake.waitForRequest(callbackOf(payload))).body as CallbackBody;
    assert.equal(cb.type, 5, query);
    assert.equal((cb.data?.flags ?? 0) & EPHEMERAL, EPHEMERAL, `${query} is ephemeral`);
    assert.ok((edit.body as EditBody).embeds.length > 0, query);
  }
  await h.adapter.idle();
  assert.equal(fake.calls(/reactions/).length, 0);
  assert.equal((await h.store.stats()).answers, 0);
  // stats is the store's figures in the core's words
  const statsEdit = fake.calls(/messages\/@original$/, "PATCH").at(-1)?.body as EditBody;
  assert.deepEqual(statsEdit.embeds, renderReply(h.portbot.stats(await h.store.stats()))[0]);
});

test("a name that matches nothing: the public deferral is removed and the hint goes only to the asker", async () => {
  h = await startHarness();
  const fake = h.fake;
  const payload = fake.sendInteraction(2, portCommandData("qqxqzzy"));
  const cb = (await fake.waitForRequest(callbackOf(payload))).body as CallbackBody;
  assert.equal((cb.data?.flags ?? 0) & EPHEMERAL, 0, "deferred from parsing alone: public");
  await fake.waitForRequest(originalOf(payload, "DELETE"));
  const followUp = await fake.waitForRequest(
    (r) =>
      r.method === "POST" &&
      r.decodedPath.endsWith(`/webhooks/${payload.application_id}/${payload.token}`),
  );
  const body = followUp.body as EditBody & { flags?: number };
  assert.equal((body.flags ?? 0) & EPHEMERAL, EPHEMERAL);
  assert.deepEqual(body.embeds, renderReply(h.portbot.reply("qqxqzzy"))[0]);
  await h.adapter.idle();
  assert.equal(fake.calls(/reactions/).length, 0);
  assert.equal((await h.store.stats()).answers, 0);
});

test("autocomplete answers with at most 25 choices from the core, without deferring", async () => {
  h = await startHarness();
  const payload = h.fake.sendInteraction(4, portCommandData("543", true));
  const cb = (await h.fake.waitForRequest(callbackOf(payload))).body as CallbackBody;
  assert.equal(cb.type, 8, "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT");
  const choices = cb.data?.choices ?? [];
  assert.ok(choices.length > 0 && choices.length <= 25);
  const expected = h.portbot.suggest("543", 25);
  assert.deepEqual(
    choices.map((c) => c.value),
    expected.map((s) => s.value),
  );
  for (const c of choices) assert.ok(c.name.length <= 100 && c.value.length <= 100);

  // Markup in the partial is not read as a port.
  const mention = h.fake.sendInteraction(4, portCommandData("<@123456789012345678>", true));
  const empty = (await h.fake.waitForRequest(callbackOf(mention))).body as CallbackBody;
  assert.deepEqual(
    empty.data?.choices?.map((c) => c.value),
    h.portbot.suggest("", 25).map((s) => s.value),
  );
});

test("Explain ports replies to the chosen message with one answer per port, then clears the deferral", async () => {
  h = await startHarness();
  const fake = h.fake;
  const author = { id: "800000000000000009", username: "someone" };
  const target = fake.userMessage({
    author,
    content: "db on 5432 and cache on 6379, ping <@&123456789012345678>",
  });
  const payload = fake.sendInteraction(2, messageCommandData("Explain ports", target));
  await fake.waitForRequest(originalOf(payload, "DELETE"));
  const cb = (await fake.waitForRequest(callbackOf(payload))).body as CallbackBody;
  assert.equal(cb.type, 5);
  assert.equal((cb.data?.flags ?? 0) & EPHEMERAL, EPHEMERAL, "the deferral only the invoker sees");

  const posts = fake.calls(/\/channels\/\d+\/messages$/, "POST");
  assert.equal(posts.length, 2, "5432 and 6379; the role id is not a port");
  for (const post of posts) {
    const body = post.body as {
      message_reference?: { message_id: string };
      allowed_mentions?: { parse: string[]; replied_user: boolean };
    };
    assert.equal(body.message_reference?.message_id, target.id);
    assert.deepEqual(body.allowed_mentions, { parse: [], replied_user: false });
    assert.ok(post.decodedPath.includes(`/channels/${target.channel_id}/`));
  }
  await eventually(() => fake.calls(/reactions/, "PUT").length === 6);
  await h.adapter.idle();
  const stats = await h.store.stats();
  assert.equal(stats.answers, 2);
  assert.deepEqual(stats.byPort.map((p) => p.port).sort(), [5432, 6379]);
});

test("Explain ports on a message without ports gets the usage hint, ephemerally", async () => {
  h = await startHarness();
  const target = h.fake.userMessage({
    author: { id: "800000000000000009", username: "someone" },
    content: "nothing here <#900000000000000010> <t:1700000000:R> <@&900000000000000011>",
  });
  const payload = h.fake.sendInteraction(2, messageCommandData("Explain ports", target));
  const cb = (await h.fake.waitForRequest(callbackOf(payload))).body as CallbackBody;
  assert.equal(cb.type, 5, "deferred");
  assert.equal((cb.data?.flags ?? 0) & EPHEMERAL, EPHEMERAL);
  const edit = await h.fake.waitForRequest(originalOf(payload));
  assert.deepEqual((edit.body as EditBody).embeds, renderReply(h.portbot.usageHint())[0]);
  await h.adapter.idle();
  assert.equal(h.fake.calls(/messages\/@original$/, "DELETE").length, 0, "the hint stays");
  assert.equal(h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length, 0);
});

test("an unknown command (stale registration) gets a clear ephemeral failure, not silence", async () => {
  h = await startHarness();
  const payload = h.fake.sendInteraction(2, { id: "1", name: "portz", type: 1, options: [] });
  const cb = (await h.fake.waitForRequest(callbackOf(payload))).body as CallbackBody;
  assert.equal(cb.type, 4);
  assert.equal((cb.data?.flags ?? 0) & EPHEMERAL, EPHEMERAL);
  assert.deepEqual(cb.data?.embeds, renderReply(h.portbot.failure("internal"))[0]);
});

test("injection in the query stays inert: no mention parsing, no live links, escaped markdown", async () => {
  h = await startHarness();
  const query = "@everyone <@&123456789012345678> [free nitro](https://evil.example/x) **22**";
  const payload = h.fake.sendInteraction(2, portCommandData(query));
  const edit = await h.fake.waitForRequest(originalOf(payload));
  const body = edit.body as EditBody;
  assert.deepEqual(body.allowed_mentions, { parse: [] });
  const text = JSON.stringify(body.embeds);
  assert.doesNotMatch(text, /(?<!\\)@everyone/, "@everyone is broken up");
  assert.doesNotMatch(text, /\]\(https:\/\/evil/, "no masked link to user URLs");
  assert.doesNotMatch(text, /https:\/\/evil/, "no autolinkable user URL");
  assert.doesNotMatch(text, /(?<!\\\\)<@&/, "role mention is escaped or gone");
});

test("a short REST 429 on the edit is waited out: the answer still arrives", async () => {
  h = await startHarness();
  h.fake.fail({
    method: "PATCH",
    path: /messages\/@original$/,
    status: 429,
    body: { message: "You are being rate limited.", retry_after: 0.05, global: false },
  });
  const payload = h.fake.sendInteraction(2, portCommandData("22"));
  const edits = await h.fake.waitForRequests(originalOf(payload), 2);
  await h.adapter.idle();
  assert.deepEqual(
    (edits[1]?.body as EditBody | undefined)?.embeds,
    renderReply(h.portbot.reply("22"))[0],
  );
  assert.equal((await h.store.stats()).answers, 1);
});

test("a long REST 429 fails fast with the core's rate-limited answer, privately, instead of silence", async () => {
  h = await startHarness({ adapter: { maxRateLimitWaitMs: 1_000 } });
  h.fake.fail({
    method: "PATCH",
    path: /messages\/@original$/,
    status: 429,
    body: { message: "You are being rate limited.", retry_after: 60, global: false },
  });
  const payload = h.fake.sendInteraction(2, portCommandData("22"));
  await h.fake.waitForRequest(originalOf(payload, "DELETE"));
  const followUp = await h.fake.waitForRequest(
    (r) =>
      r.method === "POST" &&
      r.decodedPath.endsWith(`/webhooks/${h?.fake.applicationId}/${payload.token}`),
  );
  await h.adapter.idle();
  const body = followUp.body as EditBody & { flags?: number };
  assert.equal((body.flags ?? 0) & EPHEMERAL, EPHEMERAL, "only the asker sees the failure");
  assert.deepEqual(body.embeds, renderReply(h.portbot.failure("rate-limited"))[0]);
});

test("a 429 on seeding reactions still leaves the answer delivered and recorded", async () => {
  h = await startHarness({ adapter: { maxRateLimitWaitMs: 1_000 } });
  h.fake.fail({
    method: "PUT",
    path: /reactions/,
    status: 429,
    body: { message: "You are being rate limited.", retry_after: 60, global: false },
  });
  const payload = h.fake.sendInteraction(2, portCommandData("443"));
  await h.fake.waitForRequest(originalOf(payload));
  await eventually(() => h?.fake.calls(/reactions/, "PUT").length === 1);
  await h.adapter.idle();
  assert.equal((await h.store.stats()).answers, 1);
  assert.equal(
    h.fake.calls(/messages\/@original$/, "PATCH").length,
    1,
    "the answer is not overwritten",
  );
});

test("malformed interactions are dropped and the bot keeps answering; odd autocomplete still gets choices", async () => {
  h = await startHarness();
  const fake = h.fake;
  const base = (data: Record<string, unknown>) =>
    interactionPayload({
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      channel: fake.channel(0),
      user: { id: "800000000000000001", username: "asker" },
      type: 2,
      data,
    });
  const withoutData = base(portCommandData("22"));
  delete withoutData.data;
  const messageCommandWithoutResolved = base({
    ...messageCommandData("Explain ports", {}),
    resolved: undefined,
  });
  const componentWithoutMessage = { ...base({ custom_id: "x", component_type: 2 }), type: 3 };
  const nobody = base(portCommandData("22"));
  delete nobody.member;
  const noEntitlements = base(portCommandData("22"));
  delete noEntitlements.entitlements;
  for (const bad of [
    withoutData,
    messageCommandWithoutResolved,
    componentWithoutMessage,
    nobody,
    noEntitlements,
  ]) {
    fake.dispatch("INTERACTION_CREATE", bad);
  }
  // Dropped, but answered from the raw dispatch: a button's "no longer valid", else "went wrong".
  for (const [bad, said] of [
    [componentWithoutMessage, /That button is no longer valid/],
    [withoutData, /Something went wrong on my side/],
  ] as const) {
    const cb = (await fake.waitForRequest(callbackOf(bad))).body as CallbackBody;
    assert.equal(cb.type, 4);
    assert.equal((cb.data?.flags ?? 0) & EPHEMERAL, EPHEMERAL);
    assert.match(JSON.stringify(cb.data?.embeds), said);
  }
  // Autocomplete with a number where text is expected, and with no focused option at all.
  const numeric = fake.sendInteraction(4, {
    ...portCommandData("54"),
    options: [{ name: "query", type: 4, value: 54, focused: true }],
  });
  const unfocused = fake.sendInteraction(4, { ...portCommandData("x"), options: [] });
  for (const payload of [numeric, unfocused]) {
    const cb = (await fake.waitForRequest(callbackOf(payload))).body as CallbackBody & {
      data?: { choices?: unknown[] };
    };
    assert.equal(cb.type, 8, "an autocomplete result");
    assert.ok((cb.data?.choices ?? []).length > 0);
  }
  const ok = fake.sendInteraction(2, portCommandData("22"));
  const edit = await fake.waitForRequest(originalOf(ok));
  assert.ok((edit.body as EditBody).embeds.length > 0, "still answering");
});
