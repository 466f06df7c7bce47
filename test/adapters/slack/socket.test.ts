// The Slack adapter over Socket Mode: real Bolt SocketModeReceiver, fake Slack's WebSocket.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  appMentionEvent,
  eventCallback,
  FAKE_BOT_USER_ID,
  messageShortcut,
  reactionEvent,
  slashCommandFields,
} from "../../fakes/slack.ts";
import { type Harness, startHarness } from "./harness.ts";

let h: Harness;

before(async () => {
  // Without given ids the app asks auth.test for them.
  h = await startHarness({ mode: "socket" });
});
after(async () => {
  await h.close();
});

const posts = () => h.fake.callsTo("chat.postMessage");

describe("Socket Mode", () => {
  test("connects with the app token and learns its ids from auth.test", async () => {
    assert.equal(h.slack.mode, "socket");
    assert.equal(h.fake.socketConnections, 1);
    const open = h.fake.callsTo("apps.connections.open");
    assert.equal(open[0]?.token, "xapp-test-token");
    assert.equal(h.fake.callsTo("auth.test")[0]?.token, "xoxb-test-token");
    assert.equal(h.slack.identity.botUserId, FAKE_BOT_USER_ID);
  });

  test("a slash command envelope is acked, then answered publicly with seeded reactions", async () => {
    const n = posts().length;
    const ack = await h.fake.sendEnvelope(
      "slash_commands",
      slashCommandFields({
        text: "5432",
        channel_id: "C0SOCK0001",
        response_url: h.fake.responseUrl(),
      }),
    );
    assert.ok(ack === null || typeof ack === "object");
    await h.slack.idle();
    const mine = posts().slice(n);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]?.args.channel, "C0SOCK0001");
    const seeded = h.fake.callsTo("reactions.add").filter((r) => r.args.channel === "C0SOCK0001");
    assert.equal(seeded.length, 3);
    assert.equal(
      (await h.store.stats()).byPort.some((p) => p.port === 5432),
      true,
    );
  });

  test("a mention in a thread is answered there; a redelivered envelope counts once", async () => {
    const n = posts().length;
    const payload = eventCallback(
      appMentionEvent(`<@${FAKE_BOT_USER_ID}> what's on 6379?`, {
        ts: "1700000300.000002",
        threadTs: "1700000300.000001",
        channel: "C0SOCK0002",
      }),
    );
    await h.fake.sendEnvelope("events_api", payload);
    await h.fake.sendEnvelope("events_api", payload, { retryAttempt: 1, retryReason: "timeout" });
    await h.slack.idle();
    const mine = posts().slice(n);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]?.args.thread_ts, "1700000300.000001");
  });

  test("the shortcut arrives as an interactive envelope and answers in the thread", async () => {
    const n = posts().length;
    await h.fake.sendEnvelope(
      "interactive",
      messageShortcut("ports 22 and 443", h.fake.responseUrl(), {
        ts: "1700000310.000001",
        channel: "C0SOCK0003",
      }),
    );
    await h.slack.idle();
    const mine = posts().slice(n);
    assert.equal(mine.length, 2);
    for (const p of mine) assert.equal(p.args.thread_ts, "1700000310.000001");
  });

  test("reactions over Socket Mode become votes, once per event_id", async () => {
    const n = posts().length;
    await h.fake.sendEnvelope(
      "slash_commands",
      slashCommandFields({
        text: "11211",
        channel_id: "C0SOCK0004",
        response_url: h.fake.responseUrl(),
      }),
    );
    await h.slack.idle();
    assert.equal(posts().length, n + 1);
    const ts = String(
      h.fake.callsTo("reactions.add").find((r) => r.args.channel === "C0SOCK0004")?.args.timestamp,
    );
    const vote = eventCallback(reactionEvent("added", "+1", { channel: "C0SOCK0004", ts }), {
      eventId: "Ev0SOCKVOTE1",
    });
    await h.fake.sendEnvelope("events_api", vote);
    await h.fake.sendEnvelope("events_api", vote, { retryAttempt: 1, retryReason: "timeout" });
    await h.fake.sendEnvelope(
      "events_api",
      eventCallback(
        reactionEvent("added", "smiley", { channel: "C0SOCK0004", ts }, FAKE_BOT_USER_ID),
      ),
    );
    await h.slack.idle();
    const port = (await h.store.stats()).byPort.find((p) => p.port === 11211);
    assert.equal(port?.helpful, 1);
    assert.equal(port?.votes, 1);
  });

  test("after a disconnect request it reconnects and keeps answering", async () => {
    const connections = h.fake.socketConnections;
    h.fake.disconnectSocket();
    await h.fake.waitForSocket(connections + 1);
    assert.equal(h.fake.callsTo("apps.connections.open").length, connections + 1);
    const n = posts().length;
    await h.fake.sendEnvelope(
      "events_api",
      eventCallback(appMentionEvent(`<@${FAKE_BOT_USER_ID}> 25`, { ts: "1700000320.000001" })),
    );
    await h.slack.idle();
    assert.equal(posts().length, n + 1);
  });
});
