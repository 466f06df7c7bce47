// Answers in a worker thread (what startSlack runs): the same behaviour as inline, through real
// Bolt and the fake Slack, with the worker's own store connection writing to the same SQLite file.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { webApi } from "@slack/bolt";
import { createKit } from "../../../src/adapters/kit/index.ts";
import { workerAnswerer } from "../../../src/adapters/slack/answerer.ts";
import { respondTo } from "../../../src/adapters/slack/jobs.ts";
import { INTERACTIVE_RETRY } from "../../../src/adapters/slack/retry.ts";
import { createLogger } from "../../../src/logger.ts";
import {
  appMentionEvent,
  eventCallback,
  FAKE_BOT_ID,
  FAKE_BOT_USER_ID,
  sendEvent,
  sendSlashCommand,
} from "../../fakes/slack.ts";
import { testRuntimeConfig, testSlackConfig } from "../../support/config.ts";
import { failingRecordAnswer } from "../../support/stores.ts";
import { eventually } from "../../support/wait.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./harness.ts";

describe("answers in a worker thread", () => {
  let h: Harness;
  before(async () => {
    // The main thread's store cannot record answers: only the worker's own connection can, so
    // a recorded answer proves the work ran in the worker.
    h = await startHarness({
      mode: "http",
      app: { answers: "worker" },
      wrapStore: failingRecordAnswer,
    });
  });
  after(async () => {
    await h.close();
  });

  test("/port: ack, then the worker posts, seeds the reactions and records the answer", async () => {
    const release = h.fake.hold("chat.postMessage");
    const res = await sendSlashCommand(h.url, SIGNING_SECRET, {
      text: "5432",
      channel_id: "C0WORKER01",
      response_url: h.fake.responseUrl(),
    });
    assert.equal(res.status, 200, "acked while the post is held");
    release();
    await h.slack.idle();
    const post = h.fake.callsTo("chat.postMessage").at(-1);
    assert.equal(post?.args.channel, "C0WORKER01");
    assert.match(String(post?.args.text), /Port 5432/);
    const reactions = h.fake.callsTo("reactions.add").slice(-3);
    assert.deepEqual(
      reactions.map((r) => r.args.name),
      ["smiley", "face_with_raised_eyebrow", "pensive"],
    );
    // The worker's store connection wrote it (the main one refuses to); the main one reads it.
    const stats = await h.store.stats();
    assert.equal(stats.answers, 1);
    assert.deepEqual(
      stats.byPort.map((p) => p.port),
      [5432],
    );
  });

  test("a mention is answered in its thread; help goes back privately through response_url", async () => {
    const mention = appMentionEvent(`<@${FAKE_BOT_USER_ID}> what's on 6379?`, {
      channel: "C0WORKER02",
      ts: "1700000000.000100",
      threadTs: "1700000000.000001",
    });
    await sendEvent(h.url, SIGNING_SECRET, eventCallback(mention, { eventId: "EvWORKER01" }));
    const responseUrl = h.fake.responseUrl();
    await sendSlashCommand(h.url, SIGNING_SECRET, { text: "help", response_url: responseUrl });
    await h.slack.idle();
    const post = h.fake.callsTo("chat.postMessage").at(-1);
    assert.equal(post?.args.channel, "C0WORKER02");
    assert.equal(post?.args.thread_ts, "1700000000.000001");
    assert.match(String(post?.args.text), /Port 6379/);
    const id = responseUrl.slice(responseUrl.lastIndexOf("/") + 1);
    const privately = h.fake.responses.filter((r) => r.id === id);
    assert.equal(privately.length, 1);
    assert.equal(privately[0]?.body.response_type, "ephemeral");
  });
});

test("a worker that dies leaves no acked question unanswered: its jobs run inline", {
  timeout: 30_000,
}, async () => {
  const h = await startHarness({ mode: "http" });
  try {
    const logger = createLogger({ level: "silent" });
    const client = new webApi.WebClient("xoxb-test-token", { slackApiUrl: `${h.fake.apiUrl}` });
    const kit = createKit({ portbot: h.portbot, store: h.store, logger });
    // A worker whose store cannot be opened (nothing listens on port 1) dies as it starts.
    const broken = workerAnswerer(
      {
        runtime: {
          databaseUrl: "postgres://postgres@127.0.0.1:1/none",
          sqlitePath: "",
          dataDir: "",
          logLevel: "silent",
        },
        slack: testSlackConfig(h.fake.apiUrl, "http"),
        identity: { botUserId: FAKE_BOT_USER_ID, botId: FAKE_BOT_ID },
        retry: INTERACTIVE_RETRY,
      },
      { kit, retry: INTERACTIVE_RETRY, logger },
    );
    const before = h.fake.callsTo("chat.postMessage").length;
    await broken.run(
      {
        kind: "mention",
        text: "what's on 22?",
        dest: { workspace: "T1", channel: "C0FALLBACK", threadTs: "1.2", asker: "U1" },
      },
      { client },
    );
    const posts = h.fake.callsTo("chat.postMessage").slice(before);
    assert.equal(posts.length, 1);
    assert.equal(posts[0]?.args.channel, "C0FALLBACK");
    await broken.close();
  } finally {
    await h.close();
  }
});

describe("the answer worker's queue and lifetime", () => {
  let h: Harness;
  let dir: string;
  const logger = createLogger({ level: "silent" });
  let client: webApi.WebClient;
  const worker = (options: { maxPending?: number; idleExitMs?: number }) =>
    workerAnswerer(
      {
        runtime: testRuntimeConfig(dir),
        slack: testSlackConfig(h.fake.apiUrl, "http"),
        identity: { botUserId: FAKE_BOT_USER_ID, botId: FAKE_BOT_ID },
        retry: INTERACTIVE_RETRY,
        ...options,
      },
      {
        kit: createKit({ portbot: h.portbot, store: h.store, logger }),
        retry: INTERACTIVE_RETRY,
        logger,
      },
    );
  const command = (text: string, responseUrl: string) =>
    ({
      kind: "command",
      text,
      responseUrl,
      dest: { workspace: "T1", channel: "C0QUEUE01", threadTs: null, asker: "U1" },
    }) as const;

  before(async () => {
    h = await startHarness({ mode: "http" });
    dir = mkdtempSync(join(tmpdir(), "portbot-worker-"));
    client = new webApi.WebClient("xoxb-test-token", { slackApiUrl: h.fake.apiUrl });
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("bounded: past maxPending jobs held by the worker, the asker is told the bot is busy", {
    timeout: 30_000,
  }, async () => {
    const answerer = worker({ maxPending: 1 });
    const release = h.fake.hold("chat.postMessage");
    const first = answerer.run(command("22", h.fake.responseUrl()), { client });
    // A worker starts in well under a second; a loaded machine may take longer.
    await h.fake.waitUntil(() => h.fake.callsTo("chat.postMessage").length > 0, "a post", 20_000);
    const url = h.fake.responseUrl();
    await answerer.run(command("80", url), { client, respond: respondTo(url) });
    const id = url.slice(url.lastIndexOf("/") + 1);
    const told = h.fake.responses.filter((r) => r.id === id);
    assert.equal(told.length, 1, "the second asker got one reply");
    assert.match(String(told[0]?.body.text), /answering a lot of questions at once/);
    release();
    await first;
    await answerer.close();
  });

  test("the worker exits when idle (its memory goes with it); the next job starts another", {
    timeout: 30_000,
  }, async () => {
    const answerer = worker({ idleExitMs: 20 });
    const job = {
      kind: "mention",
      text: "what's on 22?",
      dest: { workspace: "T1", channel: "C0IDLE0001", threadTs: "1.2", asker: "U1" },
    } as const;
    await answerer.run(job, { client });
    await eventually(() => !answerer.threadRunning(), "the idle worker to exit", 10_000);
    const before = h.fake.callsTo("chat.postMessage").length;
    await answerer.run(job, { client });
    assert.equal(h.fake.callsTo("chat.postMessage").length, before + 1);
    await answerer.close();
    assert.equal(answerer.threadRunning(), false);
  });
});
