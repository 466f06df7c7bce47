// The Slack adapter over signed HTTP requests: real Bolt HTTPReceiver, fake Slack on loopback.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  appMentionEvent,
  eventCallback,
  FAKE_BOT_USER_ID,
  FAKE_TEAM_ID,
  messageShortcut,
  reactionEvent,
  sendEvent,
  sendInteraction,
  sendSigned,
  sendSlashCommand,
} from "../../fakes/slack.ts";
import { failingRecordAnswer } from "../../support/stores.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./harness.ts";

let h: Harness;

before(async () => {
  h = await startHarness({ mode: "http" });
});
after(async () => {
  await h.close();
});

async function slash(text: string, extra: { channel_id?: string; user_id?: string } = {}) {
  const responseUrl = h.fake.responseUrl();
  const res = await sendSlashCommand(h.url, SIGNING_SECRET, {
    text,
    response_url: responseUrl,
    ...extra,
  });
  return { res, responseUrl, id: responseUrl.slice(responseUrl.lastIndexOf("/") + 1) };
}

function postsSince(n: number) {
  return h.fake.callsTo("chat.postMessage").slice(n);
}

describe("/port over HTTP", () => {
  test("acks before the answer is posted, then posts blocks, records, seeds reactions", async () => {
    const before = h.fake.calls.length;
    const release = h.fake.hold("chat.postMessage");
    const { res } = await slash("5432", { channel_id: "C0SLASH001" });
    // The ack came back while chat.postMessage is still held: the work is off the ack path.
    assert.equal(res.status, 200);
    assert.equal(res.body, "");
    release();
    await h.slack.idle();
    const calls = h.fake.calls.slice(before);
    const post = calls.find((c) => c.method === "chat.postMessage");
    assert.ok(post);
    assert.equal(post.args.channel, "C0SLASH001");
    assert.equal(post.token, "xoxb-test-token");
    assert.ok(Array.isArray(post.args.blocks) && post.args.blocks.length > 0);
    assert.equal(typeof post.args.text, "string");
    assert.equal(post.args.link_names, undefined);
    assert.equal(post.args.thread_ts, undefined);
    const reactions = calls.filter((c) => c.method === "reactions.add");
    assert.deepEqual(
      reactions.map((r) => r.args.name),
      ["smiley", "face_with_raised_eyebrow", "pensive"],
    );
    for (const r of reactions) assert.equal(r.args.channel, "C0SLASH001");
    const postedTs = reactions[0]?.args.timestamp;
    assert.equal(typeof postedTs, "string");
    // Recorded: a vote on that message counts.
    const outcome = await h.store.recordReaction({
      eventId: "Ev-direct-1",
      platform: "slack",
      workspace: FAKE_TEAM_ID,
      channel: "C0SLASH001",
      messageId: String(postedTs),
      voter: "U0SOMEONE1",
      rating: "helpful",
      action: "added",
      fromBot: false,
      at: new Date(),
    });
    assert.equal(outcome, "voted");
  });

  test("help, invalid input and stats answer only the asker (respond, ephemeral)", async () => {
    for (const text of ["help", "70000x", "stats"]) {
      const posts = h.fake.callsTo("chat.postMessage").length;
      const responses = h.fake.responses.length;
      const { res, id } = await slash(text);
      assert.equal(res.status, 200);
      await h.slack.idle();
      const mine = h.fake.responses.slice(responses).filter((r) => r.id === id);
      assert.equal(mine.length, 1, text);
      assert.equal(mine[0]?.body.response_type, "ephemeral");
      assert.ok(Array.isArray(mine[0]?.body.blocks));
      assert.equal(h.fake.callsTo("chat.postMessage").length, posts, `${text} posted publicly`);
    }
  });

  test("stats come from the store, worded by the core", async () => {
    const responses = h.fake.responses.length;
    const { id } = await slash("stats");
    await h.slack.idle();
    const stats = await h.store.stats();
    const expected = h.portbot.stats(stats);
    const mine = h.fake.responses.slice(responses).find((r) => r.id === id);
    assert.ok(mine);
    assert.ok(String(mine.body.text).includes(expected.text.slice(0, 20)));
  });

  test("not_in_channel falls back to respond() with the answer attached and the wording saying so", async () => {
    for (const error of ["not_in_channel", "channel_not_found"]) {
      const posts = h.fake.callsTo("chat.postMessage").length;
      const reactions = h.fake.callsTo("reactions.add").length;
      h.fake.fail("chat.postMessage", { error });
      const { id } = await slash("22", { channel_id: "D0PRIVATE1" });
      await h.slack.idle();
      assert.equal(h.fake.callsTo("chat.postMessage").length, posts + 1);
      assert.equal(h.fake.callsTo("reactions.add").length, reactions, "nothing to seed");
      const mine = h.fake.responses.find((r) => r.id === id);
      assert.ok(mine, error);
      assert.equal(mine.body.response_type, "ephemeral");
      const wording = h.portbot.failure("cannot-post", 1).text;
      assert.ok(String(mine.body.text).includes(wording.slice(0, 20)), "core's wording");
      assert.ok(
        String(mine.body.text).includes(h.portbot.reply("22").text.slice(0, 10)),
        "the answer",
      );
    }
  });

  test("a 429 from chat.postMessage is retried a bounded number of times, then the user is told", async () => {
    const posts = h.fake.callsTo("chat.postMessage").length;
    h.fake.fail("chat.postMessage", { status: 429, retryAfter: 0 }, 3);
    const { id } = await slash("443");
    await h.slack.idle();
    assert.equal(h.fake.callsTo("chat.postMessage").length, posts + 3, "three attempts, no more");
    const mine = h.fake.responses.find((r) => r.id === id);
    assert.ok(mine);
    assert.equal(mine.body.response_type, "ephemeral");
    assert.ok(String(mine.body.text).includes(h.portbot.failure("rate-limited").text.slice(0, 20)));
  });

  test("a single 429 is waited out and the answer is posted", async () => {
    const posts = h.fake.callsTo("chat.postMessage").length;
    h.fake.fail("chat.postMessage", { status: 429, retryAfter: 0 }, 1);
    const { id } = await slash("8080");
    await h.slack.idle();
    assert.equal(h.fake.callsTo("chat.postMessage").length, posts + 2);
    assert.equal(
      h.fake.responses.find((r) => r.id === id),
      undefined,
    );
  });

  test("a Retry-After beyond the bound is not waited out", async () => {
    const posts = h.fake.callsTo("chat.postMessage").length;
    h.fake.fail("chat.postMessage", { status: 429, retryAfter: 120 }, 1);
    const { id } = await slash("8081");
    await h.slack.idle();
    assert.equal(h.fake.callsTo("chat.postMessage").length, posts + 1);
    const mine = h.fake.responses.find((r) => r.id === id);
    assert.ok(
      String(mine?.body.text).includes(h.portbot.failure("rate-limited").text.slice(0, 20)),
    );
  });
});

describe("malformed requests", () => {
  test("signed bodies that are not objects get 400 and the bot keeps answering", {
    timeout: 15_000,
  }, async () => {
    const json = ["null", "42", "[]", '"text"', "", "{"];
    for (const body of json) {
      const res = await sendSigned(h.url, SIGNING_SECRET, body, "application/json");
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const forms = ["payload=null", "payload=%5B1%5D", "payload=nope"];
    for (const body of forms) {
      const res = await sendSigned(
        h.url,
        SIGNING_SECRET,
        body,
        "application/x-www-form-urlencoded",
      );
      assert.equal(res.status, 400, body);
    }
    const { id } = await slash("22");
    await h.slack.idle();
    assert.ok(
      h.fake.responses.find((r) => r.id === id) || h.fake.callsTo("chat.postMessage").length > 0,
    );
    const res = await sendSlashCommand(h.url, SIGNING_SECRET, {
      text: "80",
      response_url: h.fake.responseUrl(),
    });
    assert.equal(res.status, 200, "still alive and acking");
    await h.slack.idle();
  });
});

describe("request verification", () => {
  test("a bad signature gets 401 and nothing is posted", async () => {
    const calls = h.fake.calls.length;
    const res = await sendSlashCommand(
      h.url,
      SIGNING_SECRET,
      { text: "22", response_url: h.fake.responseUrl() },
      { signature: `v0=${"0".repeat(64)}` },
    );
    assert.equal(res.status, 401);
    await h.slack.idle();
    assert.equal(h.fake.calls.length, calls);
  });

  test("a signature made with another secret gets 401", async () => {
    const calls = h.fake.calls.length;
    const res = await sendEvent(
      h.url,
      "not-the-secret",
      eventCallback(appMentionEvent("<@U0BOT00001> 22")),
    );
    assert.equal(res.status, 401);
    await h.slack.idle();
    assert.equal(h.fake.calls.length, calls);
  });

  test("a timestamp older than five minutes gets 401 even when correctly signed", async () => {
    const calls = h.fake.calls.length;
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await sendSlashCommand(
      h.url,
      SIGNING_SECRET,
      { text: "22", response_url: h.fake.responseUrl() },
      { timestamp: old },
    );
    assert.equal(res.status, 401);
    await h.slack.idle();
    assert.equal(h.fake.calls.length, calls);
  });
});

describe("mentions over HTTP", () => {
  test("a mention in a thread is answered in that thread, one answer per port", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const res = await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback(
        appMentionEvent(`<@${FAKE_BOT_USER_ID}> what's on 5432 and 6379?`, {
          ts: "1700000060.000001",
          threadTs: "1700000001.000001",
          channel: "C0THREAD01",
        }),
      ),
    );
    assert.equal(res.status, 200);
    await h.slack.idle();
    const posts = postsSince(n);
    assert.equal(posts.length, 2);
    for (const p of posts) {
      assert.equal(p.args.thread_ts, "1700000001.000001");
      assert.equal(p.args.channel, "C0THREAD01");
    }
    // Both answers recorded and seeded.
    assert.equal(
      h.fake.callsTo("reactions.add").filter((r) => r.args.channel === "C0THREAD01").length,
      6,
    );
  });

  test("a mention in a channel starts a thread under the question", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback(appMentionEvent(`<@${FAKE_BOT_USER_ID}> 22`, { ts: "1700000070.000002" })),
    );
    await h.slack.idle();
    const posts = postsSince(n);
    assert.equal(posts.length, 1);
    assert.equal(posts[0]?.args.thread_ts, "1700000070.000002");
  });

  test("mentions from bots are not answered (no bot-to-bot loops)", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const eph = h.fake.callsTo("chat.postEphemeral").length;
    const fromBot = { ...appMentionEvent(`<@${FAKE_BOT_USER_ID}> 22`), bot_id: "B0OTHER001" };
    const fromSelf = appMentionEvent(`<@${FAKE_BOT_USER_ID}> 22`, { user: FAKE_BOT_USER_ID });
    for (const event of [fromBot, fromSelf]) {
      const res = await sendEvent(h.url, SIGNING_SECRET, eventCallback(event));
      assert.equal(res.status, 200);
    }
    await h.slack.idle();
    assert.equal(postsSince(n).length, 0);
    assert.equal(h.fake.callsTo("chat.postEphemeral").length, eph);
  });

  test("the bot's own user id is not read as a port; no port gets the usage hint in the thread", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const eph = h.fake.callsTo("chat.postEphemeral").length;
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback(
        appMentionEvent(`<@${FAKE_BOT_USER_ID}> lunch? <@U0123456789>`, {
          ts: "1700000080.000003",
        }),
      ),
    );
    await h.slack.idle();
    const sent = [...postsSince(n), ...h.fake.callsTo("chat.postEphemeral").slice(eph)];
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.args.thread_ts, "1700000080.000003");
    assert.ok(String(sent[0]?.args.text).includes(h.portbot.usageHint().text.slice(0, 15)));
  });

  test("many ports are capped, with the core's note", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback(
        appMentionEvent(`<@${FAKE_BOT_USER_ID}> 21 22 23 25 53 80 110 143`, {
          ts: "1700000081.000004",
        }),
      ),
    );
    await h.slack.idle();
    const posts = postsSince(n);
    const expected = h.portbot.repliesForMessage("21 22 23 25 53 80 110 143");
    assert.equal(posts.length, expected.length);
    assert.ok(posts.length < 8);
  });

  test("the same event delivered twice (a retry) counts once", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const envelope = eventCallback(
      appMentionEvent(`<@${FAKE_BOT_USER_ID}> 3306`, { ts: "1700000090.000005" }),
    );
    const first = await sendEvent(h.url, SIGNING_SECRET, envelope);
    const retry = await sendEvent(h.url, SIGNING_SECRET, envelope, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    assert.equal(first.status, 200);
    assert.equal(retry.status, 200);
    await h.slack.idle();
    assert.equal(postsSince(n).length, 1);
  });
});

describe("shortcut over HTTP", () => {
  test("Explain ports answers every port of the chosen message in its thread", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const res = await sendInteraction(
      h.url,
      SIGNING_SECRET,
      messageShortcut("firewall blocks 5432 and 6379", h.fake.responseUrl(), {
        ts: "1700000111.000001",
        channel: "C0SHORT001",
      }),
    );
    assert.equal(res.status, 200);
    await h.slack.idle();
    const posts = postsSince(n);
    assert.equal(posts.length, 2);
    for (const p of posts) {
      assert.equal(p.args.thread_ts, "1700000111.000001");
      assert.equal(p.args.channel, "C0SHORT001");
    }
  });

  test("a message inside a thread is answered in that thread", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    await sendInteraction(
      h.url,
      SIGNING_SECRET,
      messageShortcut("seen 27017", h.fake.responseUrl(), {
        ts: "1700000112.000001",
        threadTs: "1700000100.000009",
      }),
    );
    await h.slack.idle();
    assert.equal(postsSince(n)[0]?.args.thread_ts, "1700000100.000009");
  });

  test("a message without ports gets the usage hint privately", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const url = h.fake.responseUrl();
    await sendInteraction(h.url, SIGNING_SECRET, messageShortcut("lunch?", url));
    await h.slack.idle();
    assert.equal(postsSince(n).length, 0);
    const mine = h.fake.responses.find((r) => url.endsWith(r.id));
    assert.equal(mine?.body.response_type, "ephemeral");
  });
});

describe("ratings over HTTP", () => {
  async function postedAnswer(channel: string): Promise<string> {
    const n = h.fake.callsTo("chat.postMessage").length;
    await sendSlashCommand(h.url, SIGNING_SECRET, {
      text: "6379",
      channel_id: channel,
      response_url: h.fake.responseUrl(),
    });
    await h.slack.idle();
    const reactions = h.fake.callsTo("reactions.add").filter((r) => r.args.channel === channel);
    assert.equal(postsSince(n).length, 1);
    return String(reactions[0]?.args.timestamp);
  }

  test("reactions become votes; removal withdraws; the bot's own do not count; duplicates once", async () => {
    const channel = "C0RATE0001";
    const ts = await postedAnswer(channel);
    const votes = async () => (await h.store.stats()).byPort.find((p) => p.port === 6379);
    const react = (action: "added" | "removed", name: string, user?: string, eventId?: string) =>
      sendEvent(
        h.url,
        SIGNING_SECRET,
        eventCallback(
          reactionEvent(action, name, { channel, ts }, user),
          eventId ? { eventId } : {},
        ),
      );

    // The bot's own seeded reactions arrive as events too: never votes.
    await react("added", "smiley", FAKE_BOT_USER_ID);
    await h.slack.idle();
    assert.equal((await votes())?.votes ?? 0, 0);

    const added = await react("added", "smiley", "U0VOTER001", "Ev0VOTE0001");
    assert.equal(added.status, 200);
    await h.slack.idle();
    assert.equal((await votes())?.helpful, 1);

    // The same delivery again (a retry) counts once.
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback(reactionEvent("added", "smiley", { channel, ts }, "U0VOTER001"), {
        eventId: "Ev0VOTE0001",
      }),
      { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } },
    );
    await h.slack.idle();
    assert.equal((await votes())?.helpful, 1);

    await react("added", "pensive", "U0VOTER002");
    await h.slack.idle();
    assert.equal((await votes())?.notHelpful, 1);

    await react("removed", "smiley", "U0VOTER001");
    await h.slack.idle();
    const after = await votes();
    assert.equal(after?.helpful, 0);
    assert.equal(after?.notHelpful, 1);
  });
});

describe("App Home", () => {
  test("opening the Home tab publishes usage and stats", async () => {
    const n = h.fake.callsTo("views.publish").length;
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback({
        type: "app_home_opened",
        user: "U0HOME0001",
        channel: "D0HOME0001",
        tab: "home",
      }),
    );
    await h.slack.idle();
    const calls = h.fake.callsTo("views.publish").slice(n);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.args.user_id, "U0HOME0001");
    const view = calls[0]?.args.view as { type: string; blocks: unknown[] };
    assert.equal(view.type, "home");
    assert.ok(view.blocks.length > 1 && view.blocks.length <= 100);
  });

  test("the Messages tab publishes nothing", async () => {
    const n = h.fake.callsTo("views.publish").length;
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback({
        type: "app_home_opened",
        user: "U0HOME0001",
        channel: "D0HOME0001",
        tab: "messages",
      }),
    );
    await h.slack.idle();
    assert.equal(h.fake.callsTo("views.publish").length, n);
  });
});

describe("injection", () => {
  test("<!channel>, @here and <https://evil|click> come out inert in blocks and text", async () => {
    const n = h.fake.callsTo("chat.postMessage").length;
    const responses = h.fake.responses.length;
    // Slack escapes what people type and wraps specials in <…>: this is the wire form.
    await slash("22 <!channel> @here <https://evil.example|click> &lt;!everyone&gt;");
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback(
        appMentionEvent(`<@${FAKE_BOT_USER_ID}> 80 <!channel> @here <https://evil.example|click>`, {
          ts: "1700000200.000001",
        }),
      ),
    );
    await slash("<!channel> @here <https://evil.example|click>");
    await h.slack.idle();
    const sent = [
      ...postsSince(n).map((c) => c.args),
      ...h.fake.responses.slice(responses).map((r) => r.body),
    ];
    assert.ok(sent.length >= 3);
    // The user's words did come back (escaped and defused), so the checks below are not vacuous.
    assert.match(JSON.stringify(sent), /@\u2060(here|channel)|&lt;!everyone&gt;/);
    for (const message of sent) {
      assert.equal(message.link_names, undefined);
      // A button's value is data Slack hands back on a click, never shown (the reply a Share click
      // re-creates is escaped like any other): what people see is the text and the blocks around it.
      const json = JSON.stringify({ text: message.text, blocks: message.blocks }, (k, v) =>
        k === "value" ? undefined : v,
      );
      assert.doesNotMatch(json, /<!/);
      assert.doesNotMatch(json, /<https?:\/\/evil/);
      assert.doesNotMatch(json, /<@/);
      assert.doesNotMatch(json, /@(here|channel|everyone)/);
    }
  });
});

test("an answer the store could not record is posted without rating reactions", async () => {
  const broken = await startHarness({
    mode: "http",
    wrapStore: failingRecordAnswer,
  });
  try {
    await sendSlashCommand(broken.url, SIGNING_SECRET, {
      text: "22",
      response_url: broken.fake.responseUrl(),
    });
    await broken.slack.idle();
    assert.equal(broken.fake.callsTo("chat.postMessage").length, 1, "answered");
    assert.equal(broken.fake.callsTo("reactions.add").length, 0, "no ratings invited");
  } finally {
    await broken.close();
  }
});
