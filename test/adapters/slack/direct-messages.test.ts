// Direct messages to the bot (the Messages tab, `message.im`) against the real Bolt app over
// HTTP. What every adapter does with a DM is in the contract (test/adapters/contract.ts); here is
// what is Slack's own: which message events are a person's question, and retries.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  appMentionEvent,
  eventCallback,
  FAKE_BOT_USER_ID,
  imMessageEvent,
  sendEvent,
} from "../../fakes/slack.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./harness.ts";

let h: Harness;
before(async () => {
  h = await startHarness({ mode: "http" });
});
after(async () => {
  await h.close();
});

const postsSince = (n: number) => h.fake.callsTo("chat.postMessage").slice(n);

async function dm(event: Record<string, unknown>, headers: Record<string, string> = {}) {
  const envelope = eventCallback(event);
  await sendEvent(h.url, SIGNING_SECRET, envelope, { headers });
  await h.slack.idle();
  return envelope;
}

describe("direct messages over HTTP", () => {
  test("a DM is answered in the DM, in its thread when asked in one", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    await dm(imMessageEvent("5432?", { channel: "D0DM000001" }));
    await dm(imMessageEvent("6379", { channel: "D0DM000001", threadTs: "1700000001.000100" }));
    const [plain, threaded] = postsSince(n);
    assert.equal(plain?.args.channel, "D0DM000001");
    assert.equal(plain?.args.thread_ts, undefined);
    assert.equal(threaded?.args.thread_ts, "1700000001.000100");
    assert.match(JSON.stringify(plain?.args), /5432/);
  });

  test("help and the usage hint in a DM are ordinary messages there, not ephemeral", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const ephemeral = h.fake.callsTo("chat.postEphemeral").length;
    await dm(imMessageEvent("help", { channel: "D0DM000002" }));
    assert.equal(postsSince(n).length, 1);
    assert.equal(postsSince(n)[0]?.args.channel, "D0DM000002");
    assert.equal(h.fake.callsTo("chat.postEphemeral").length, ephemeral);
  });

  test("the bot's own messages, other bots' and edits, joins or deletions are not questions", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    await dm(imMessageEvent("Port 22 · ssh", { user: FAKE_BOT_USER_ID }));
    await dm(imMessageEvent("22", { user: "U0OTHERBOT", botId: "B0OTHERBOT" }));
    for (const subtype of ["message_changed", "message_deleted", "channel_join", "bot_message"]) {
      await dm(imMessageEvent("22", { subtype }));
    }
    assert.equal(postsSince(n).length, 0);
  });

  test("a retried DM event is answered once", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const envelope = await dm(imMessageEvent("3306", { ts: "1700000099.000001" }));
    await sendEvent(h.url, SIGNING_SECRET, envelope, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    await h.slack.idle();
    assert.equal(postsSince(n).length, 1);
  });

  test("a mention inside the DM is answered once, as the DM message it is", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const text = `<@${FAKE_BOT_USER_ID}> 8080`;
    await dm(imMessageEvent(text, { channel: "D0DM000003", ts: "1700000098.000001" }));
    await dm(appMentionEvent(text, { channel: "D0DM000003", ts: "1700000098.000001" }));
    assert.equal(postsSince(n).length, 1);
  });
});
