// Mentions, reactions (cached, uncached, duplicate, the bot's own) and gateway resume, through real
// discord.js and the fake Discord.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, test } from "node:test";
import { renderReply } from "../../../src/adapters/discord/embeds.ts";
import { openSqliteStore } from "../../../src/feedback/sqlite.ts";
import { type FakeUser, portCommandData, reactionPayload } from "../../fakes/discord.ts";
import { failingRecordAnswer } from "../../support/stores.ts";
import { eventually, type Harness, startHarness } from "./harness.ts";

const asker: FakeUser = { id: "800000000000000001", username: "asker" };
const voter: FakeUser = { id: "800000000000000002", username: "voter" };

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function messageCreate(h: Harness, content: string, channelId: string, mentions: FakeUser[]) {
  return h.fake.userMessage({
    author: asker,
    content,
    channel: h.fake.channels.find((c) => c.id === channelId),
    mentions,
  });
}

test("a mention in a thread gets a reply in that thread, referencing the question", async () => {
  h = await startHarness();
  const thread = h.fake.channel(11);
  const bot = h.fake.bot;
  const question = messageCreate(h, `<@${bot.id}> what's on 5432?`, thread.id, [bot]);
  await h.dispatchAndSettle("MESSAGE_CREATE", question);
  const posts = h.fake.calls(/\/channels\/\d+\/messages$/, "POST");
  assert.equal(posts.length, 1);
  const post = posts[0];
  assert.ok(post?.decodedPath.endsWith(`/channels/${thread.id}/messages`), "posted in the thread");
  const body = post?.body as {
    embeds: unknown[];
    message_reference: { message_id: string };
    allowed_mentions: { parse: string[] };
  };
  assert.equal(body.message_reference.message_id, question.id);
  assert.deepEqual(body.allowed_mentions.parse, []);
  const [expected] = h.portbot.repliesForMessage("what's on 5432?");
  assert.ok(expected);
  assert.deepEqual(body.embeds, renderReply(expected)[0]);
  assert.equal(h.fake.calls(/reactions/, "PUT").length, 3);
  const stats = await h.store.stats();
  assert.equal(stats.answers, 1);
  assert.deepEqual(
    stats.byPort.map((p) => p.port),
    [5432],
    "the bot's id in the mention is not read as a port",
  );
});

test("a mention with no port gets the usage hint; other messages get nothing", async () => {
  h = await startHarness();
  const channel = h.fake.channel(0);
  const bot = h.fake.bot;
  await h.dispatchAndSettle(
    "MESSAGE_CREATE",
    messageCreate(h, `<@!${bot.id}> nothing here`, channel.id, [bot]),
  );
  const posts = h.fake.calls(/\/channels\/\d+\/messages$/, "POST");
  assert.equal(posts.length, 1);
  assert.deepEqual(
    (posts[0]?.body as { embeds: unknown[] } | undefined)?.embeds,
    renderReply(h.portbot.usageHint())[0],
  );

  // No mention; a reply to the bot (bot in `mentions` but not in the text); another bot.
  await h.dispatchAndSettle("MESSAGE_CREATE", messageCreate(h, "port 22 anyone?", channel.id, []));
  await h.dispatchAndSettle(
    "MESSAGE_CREATE",
    messageCreate(h, "thanks, 22 it is", channel.id, [bot]),
  );
  const fromBot = h.fake.userMessage({
    author: { id: "800000000000000077", username: "otherbot", bot: true },
    content: `<@${bot.id}> 22`,
    mentions: [bot],
  });
  await h.dispatchAndSettle("MESSAGE_CREATE", fromBot);
  assert.equal(h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length, 1);
});

async function answerOnce(h: Harness): Promise<{ messageId: string; channelId: string }> {
  const payload = h.fake.sendInteraction(2, portCommandData("5432"));
  await eventually(() => h.fake.calls(/reactions/, "PUT").length === 3);
  await h.adapter.idle();
  const message = h.fake.messages.get(`webhook:${payload.token}:@original`);
  return { messageId: String(message?.id), channelId: String(message?.channel_id) };
}

test("a mention whose answer cannot be posted (long 429) gets the core's failure, not silence", async () => {
  h = await startHarness({ adapter: { maxRateLimitWaitMs: 1_000 } });
  const channel = h.fake.channel(0);
  const bot = h.fake.bot;
  h.fake.fail({
    method: "POST",
    path: /\/channels\/\d+\/messages$/,
    status: 429,
    body: { message: "You are being rate limited.", retry_after: 60, global: false },
  });
  await h.dispatchAndSettle(
    "MESSAGE_CREATE",
    messageCreate(h, `<@${bot.id}> 22`, channel.id, [bot]),
  );
  const posts = h.fake.calls(/\/channels\/\d+\/messages$/, "POST");
  assert.equal(posts.length, 2, "the answer was refused, the failure went out");
  assert.deepEqual(
    (posts[1]?.body as { embeds: unknown[] } | undefined)?.embeds,
    renderReply(h.portbot.failure("rate-limited"))[0],
  );
});

test("a recorded-answer failure leaves the answer without rating reactions", async () => {
  const dir = mkdtempSync(join(tmpdir(), "portbot-discord-norecord-"));
  const real = await openSqliteStore(join(dir, "feedback.db"));
  await real.migrate();
  const store = failingRecordAnswer(real);
  try {
    h = await startHarness({ store });
    const channel = h.fake.channel(0);
    const bot = h.fake.bot;
    await h.dispatchAndSettle(
      "MESSAGE_CREATE",
      messageCreate(h, `<@${bot.id}> 22`, channel.id, [bot]),
    );
    assert.equal(h.fake.calls(/\/channels\/\d+\/messages$/, "POST").length, 1, "answered");
    assert.equal(h.fake.calls(/reactions/, "PUT").length, 0, "no ratings invited");
  } finally {
    await h?.close();
    h = null;
    await real.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("@portbot stats in a channel answers with the figures", async () => {
  h = await startHarness();
  const channel = h.fake.channel(0);
  const bot = h.fake.bot;
  await h.dispatchAndSettle(
    "MESSAGE_CREATE",
    messageCreate(h, `<@${bot.id}> stats`, channel.id, [bot]),
  );
  const post = h.fake.calls(/\/channels\/\d+\/messages$/, "POST").at(-1);
  assert.deepEqual(
    (post?.body as { embeds: unknown[] } | undefined)?.embeds,
    renderReply(h.portbot.stats(await h.store.stats()))[0],
  );
});

test("reactions on a cached answer become votes; removing withdraws; the bot's own never count", async () => {
  h = await startHarness();
  const { messageId, channelId } = await answerOnce(h);
  const base = { channelId, messageId, guildId: h.fake.guildId, messageAuthorId: h.fake.bot.id };

  // The bot's seeded reactions, echoed by the gateway.
  for (const emoji of ["😃", "🤨", "😔"]) {
    await h.dispatchAndSettle(
      "MESSAGE_REACTION_ADD",
      reactionPayload({ ...base, user: h.fake.bot, emoji }),
    );
  }
  assert.equal((await h.store.stats()).overall.votes, 0);

  await h.dispatchAndSettle(
    "MESSAGE_REACTION_ADD",
    reactionPayload({ ...base, user: voter, emoji: "😃" }),
  );
  let overall = (await h.store.stats()).overall;
  assert.equal(overall.helpful, 1);

  // Latest wins: a second rating by the same person replaces the first.
  await h.dispatchAndSettle(
    "MESSAGE_REACTION_ADD",
    reactionPayload({ ...base, user: voter, emoji: "🤨" }),
  );
  overall = (await h.store.stats()).overall;
  assert.deepEqual([overall.helpful, overall.confusing, overall.votes], [0, 1, 1]);

  await h.dispatchAndSettle(
    "MESSAGE_REACTION_REMOVE",
    reactionPayload({ ...base, user: voter, emoji: "🤨", withMember: false }),
  );
  assert.equal((await h.store.stats()).overall.votes, 0);

  // Not a rating emoji.
  await h.dispatchAndSettle(
    "MESSAGE_REACTION_ADD",
    reactionPayload({ ...base, user: voter, emoji: "🎉" }),
  );
  assert.equal((await h.store.stats()).overall.votes, 0);
});

test("reactions on an answer from before a restart (uncached message, channel member, user) count", async () => {
  const dir = mkdtempSync(join(tmpdir(), "portbot-discord-restart-"));
  const store = await openSqliteStore(join(dir, "feedback.db"));
  await store.migrate();
  try {
    h = await startHarness({ store });
    const first = await answerOnce(h);
    await h.close();
    // A new process: same store, empty caches.
    h = await startHarness({ store });
    const base = {
      channelId: first.channelId,
      messageId: first.messageId,
      guildId: h.fake.guildId,
    };
    const client = h.adapter.client;
    assert.equal(client.users.cache.has(voter.id), false);
    await h.dispatchAndSettle(
      "MESSAGE_REACTION_ADD",
      reactionPayload({ ...base, user: voter, emoji: "😔" }),
    );
    assert.equal((await store.stats()).overall.notHelpful, 1);
    // A removal carries only user_id: without the User partial discord.js drops it for an
    // uncached user.
    client.users.cache.delete(voter.id);
    for (const guild of client.guilds.cache.values()) guild.members.cache.delete(voter.id);
    await h.dispatchAndSettle(
      "MESSAGE_REACTION_REMOVE",
      reactionPayload({ ...base, user: voter, emoji: "😔", withMember: false }),
    );
    assert.equal((await store.stats()).overall.votes, 0, "removal by an uncached user withdraws");
  } finally {
    await h?.close();
    h = null;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a duplicate dispatch (same session and sequence) counts once; a real re-add still counts", async () => {
  h = await startHarness();
  const { messageId, channelId } = await answerOnce(h);
  const base = { channelId, messageId, guildId: h.fake.guildId, user: voter, emoji: "😃" };
  const add = reactionPayload(base);
  const remove = reactionPayload({ ...base, withMember: false });

  let seq = 0;
  const once = new Promise<void>((resolve) => {
    h?.adapter.client.once("raw", (p: { s: number }) => {
      seq = p.s;
      resolve();
    });
  });
  await h.dispatchAndSettle("MESSAGE_REACTION_ADD", add);
  await once;
  await h.dispatchAndSettle("MESSAGE_REACTION_REMOVE", remove);
  assert.equal((await h.store.stats()).overall.votes, 0);
  // The add is delivered again with its original sequence number: it must not bring the vote back.
  await h.dispatchAndSettle("MESSAGE_REACTION_ADD", add, { seq });
  assert.equal((await h.store.stats()).overall.votes, 0, "the replayed add is a duplicate");
  // A genuine new add (new sequence number) is a vote again.
  await h.dispatchAndSettle("MESSAGE_REACTION_ADD", add);
  assert.equal((await h.store.stats()).overall.helpful, 1);
});

test("the gateway connection drops: the client resumes, gets what it missed, and keeps answering", async () => {
  h = await startHarness();
  const { messageId, channelId } = await answerOnce(h);
  const identifies = h.fake.identifies;
  h.fake.dropConnection(4000);
  // A vote sent while the connection was down is replayed on RESUME.
  h.fake.queueWhileDisconnected(
    "MESSAGE_REACTION_ADD",
    reactionPayload({ channelId, messageId, guildId: h.fake.guildId, user: voter, emoji: "👍" }),
  );
  await eventually(() => h?.fake.resumes === 1, "resume", 10_000);
  assert.equal(h.fake.identifies, identifies, "resumed, not re-identified");
  await eventually(async () => (await h?.store.stats())?.overall.helpful === 1);

  const payload = h.fake.sendInteraction(2, portCommandData("6379"));
  const edit = await h.fake.waitForRequest(
    (r) => r.method === "PATCH" && r.decodedPath.includes(String(payload.token)),
  );
  assert.deepEqual(
    (edit.body as { embeds: unknown[] }).embeds,
    renderReply(h.portbot.reply("6379"))[0],
  );
});

test("the client caches only what the bot reads: no messages, reactions or other users", async () => {
  h = await startHarness();
  const channel = h.fake.channel(0);
  const bot = h.fake.bot;
  const { messageId, channelId } = await answerOnce(h);
  await h.dispatchAndSettle(
    "MESSAGE_CREATE",
    messageCreate(h, `<@${bot.id}> 22`, channel.id, [bot]),
  );
  await h.dispatchAndSettle("MESSAGE_CREATE", messageCreate(h, "chatter", channel.id, []));
  await h.dispatchAndSettle(
    "MESSAGE_REACTION_ADD",
    reactionPayload({
      channelId,
      messageId,
      guildId: h.fake.guildId,
      messageAuthorId: bot.id,
      user: voter,
      emoji: "😃",
    }),
  );
  assert.equal((await h.store.stats()).overall.votes, 1, "the vote still counts");
  const { client } = h.adapter;
  const messages = [...client.channels.cache.values()].reduce(
    (n, c) => n + ("messages" in c ? c.messages.cache.size : 0),
    0,
  );
  assert.equal(messages, 0, "messages cached");
  assert.deepEqual([...client.users.cache.keys()], [bot.id], "users cached");
  const members = [...client.guilds.cache.values()].flatMap((g) => [...g.members.cache.keys()]);
  assert.ok(
    members.every((id) => id === bot.id),
    `members cached: ${members.join(", ")}`,
  );
});
