// Slack adapter, HTTP mode on loopback: slash-command ack latency and throughput of portbot
// (which posts, records and seeds reactions after each ack) against a bare Bolt app that only
// acks, same load, same run. Targets: portbot p99 ≤ 1.2× bare, throughput ≥ 0.8× bare.
//
// The fake Slack and the load generator each run in a worker thread (Slack is remote: neither its
// cost nor the client's response parsing should land on the bot's event loop, or a latency
// measured in the bot's thread includes the answers' work after the ack); both apps run in this
// thread, one at a time, alternating, under the same autocannon load. The whole answer path runs for real: core, SQLite store in a temp dir, Web API
// calls to the fake.
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { App, HTTPReceiver } from "@slack/bolt";
import autocannon from "autocannon";
import { boltLogger } from "../src/adapters/slack/bolt-logger.ts";
import { createSlackApp } from "../src/adapters/slack/index.ts";
import type { Config, SlackConfig } from "../src/config.ts";
import { loadPortbot } from "../src/core/portbot.ts";
import { openSqliteStore } from "../src/feedback/sqlite.ts";
import { createLogger } from "../src/logger.ts";
import { runtimeConfig } from "../src/runtime.ts";
import {
  FAKE_BOT_ID,
  FAKE_BOT_USER_ID,
  FakeSlack,
  slackSignature,
  slashCommandFields,
} from "../test/fakes/slack.ts";

const SECRET = "bench-signing-secret";
const CONNECTIONS = 10;
const WARMUP_S = 1;
const DURATION_S = 4;
/**
 * A fixed offered rate far above any team's slash-command rate (both apps keep up, so the ack
 * latency shows whether the answers' work delays acks), then saturation (as many as each app can
 * ack, which shows how much the answers' work costs the process).
 */
const SCENARIOS = [
  { name: "fixed rate 20 req/s", rate: 20, rounds: 3 },
  { name: "fixed rate 200 req/s", rate: 200, rounds: 3 },
  { name: "saturation", rate: undefined, rounds: 1 },
] as const;

// ---- worker: the fake Slack ----
if (!isMainThread && (workerData as { role?: string } | null)?.role === "fake-slack") {
  // Real Slack is remote: its work does not compete for this machine's CPU. The fake's thread
  // runs at the lowest priority so that, on a small machine, it disturbs the apps under test least.
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 19);
  } catch {
    // Not Linux: the fake runs at normal priority.
  }
  const fake = await FakeSlack.start();
  parentPort?.postMessage({ apiUrl: fake.apiUrl, responseUrl: fake.responseUrl("bench") });
  parentPort?.on("message", async (m: { cmd: string }) => {
    if (m.cmd === "count") {
      parentPort?.postMessage({
        posts: fake.callsTo("chat.postMessage").length,
        reactions: fake.callsTo("reactions.add").length,
      });
      // Keep memory flat across rounds.
      fake.calls.length = 0;
      fake.responses.length = 0;
    }
    if (m.cmd === "close") {
      await fake.close();
      parentPort?.postMessage({ closed: true });
    }
  });
}

// ---- child process: the load generator (autocannon misreads a worker thread as its own) ----
if (process.env.PORTBOT_BENCH_ROLE === "load") {
  process.on(
    "message",
    async (m: { url: string; body: string; seconds: number; rate?: number }) => {
      process.send?.(await runLoad(m.url, m.body, m.seconds, m.rate));
    },
  );
}

interface Result {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
}

async function runLoad(
  url: string,
  body: string,
  seconds: number,
  rate: number | undefined = undefined,
): Promise<Result> {
  const timestamp = Math.floor(Date.now() / 1000);
  const r = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: seconds,
    ...(rate === undefined ? {} : { overallRate: rate }),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(SECRET, timestamp, body),
    },
    body,
  });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

let loader: ChildProcess | null = null;

/** One autocannon run, in the load process. */
function load(url: string, body: string, seconds: number, rate?: number): Promise<Result> {
  loader ??= fork(import.meta.filename, [], {
    env: { ...process.env, PORTBOT_BENCH_ROLE: "load" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const child = loader;
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as Result));
    child.send({ url, body, seconds, rate });
  });
}

function ask<T>(worker: Worker, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    worker.once("message", (m: T) => resolve(m));
    worker.postMessage(message);
  });
}

export async function run(): Promise<void> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: "fake-slack" } });
  const { apiUrl, responseUrl } = await new Promise<{ apiUrl: string; responseUrl: string }>(
    (resolve) => worker.once("message", resolve),
  );
  const dir = mkdtempSync(join(tmpdir(), "portbot-slack-bench-"));
  const logger = createLogger({ level: "silent" });
  const store = await openSqliteStore(join(dir, "feedback.db"));
  await store.migrate();
  const portbot = loadPortbot({ dataDir: join(dir, "no-data") });
  const config: Config = {
    slack: { botToken: "xoxb-bench", appToken: null, signingSecret: SECRET, apiUrl, port: 0 },
    discord: null,
    databaseUrl: null,
    sqlitePath: join(dir, "feedback.db"),
    dataDir: dir,
    logLevel: "silent",
    healthPort: 0,
  };
  const identity = { botUserId: FAKE_BOT_USER_ID, botId: FAKE_BOT_ID };

  const bot = await createSlackApp({ portbot, store, logger }, config.slack as SlackConfig, {
    identity,
    listen: { port: 0, host: "127.0.0.1" },
    answers: "worker",
    runtime: runtimeConfig(config),
  });
  const botPort = (await bot.start()).port;

  const bareReceiver = new HTTPReceiver({ signingSecret: SECRET, logger: boltLogger(logger) });
  const bare = new App({
    token: "xoxb-bench",
    ...identity,
    receiver: bareReceiver,
    logger: boltLogger(logger),
    clientOptions: { slackApiUrl: apiUrl },
  });
  bare.command("/port", async ({ ack }) => {
    await ack();
  });
  const bareServer = (await bare.start({
    port: 0,
    host: "127.0.0.1",
  })) as import("node:http").Server;
  const barePort = (bareServer.address() as import("node:net").AddressInfo).port;

  // A public, rateable answer: the most work per request (post, record, three reactions).
  const body = new URLSearchParams(
    slashCommandFields({ text: "5432", channel_id: "C0BENCH001", response_url: responseUrl }),
  ).toString();
  const urls = {
    bare: `http://127.0.0.1:${barePort}/slack/events`,
    portbot: `http://127.0.0.1:${botPort}/slack/events`,
  };

  await load(urls.bare, body, WARMUP_S);
  await load(urls.portbot, body, WARMUP_S);
  await bot.idle();
  await ask(worker, { cmd: "count" });

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const summary = (rs: Result[]) => ({
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    rps: median(rs.map((r) => r.rps)),
    requests: rs.reduce((n, r) => n + r.rps * DURATION_S, 0),
    bad: rs.reduce((n, r) => n + r.non2xx + r.errors, 0),
  });
  const fmt = (n: number) => n.toFixed(2);
  console.log(
    `slack HTTP mode, signed /port 5432 (public answer: post + record + 3 reactions), loopback, ${CONNECTIONS} connections, ${DURATION_S}s per run`,
  );
  for (const scenario of SCENARIOS) {
    const results: Record<"bare" | "portbot", Result[]> = { bare: [], portbot: [] };
    let posted = 0;
    let seeded = 0;
    for (let round = 0; round < scenario.rounds; round++) {
      results.bare.push(await load(urls.bare, body, DURATION_S, scenario.rate));
      results.portbot.push(await load(urls.portbot, body, DURATION_S, scenario.rate));
      await bot.idle(); // the answers' work finishes before the next run
      const c = await ask<{ posts: number; reactions: number }>(worker, { cmd: "count" });
      posted += c.posts;
      seeded += c.reactions;
    }
    const b = summary(results.bare);
    const p = summary(results.portbot);
    console.log(`  ${scenario.name} (${scenario.rounds} round(s), median of rounds)`);
    console.log(
      `    bare Bolt (ack only)    ack median ${fmt(b.p50)} ms  p99 ${fmt(b.p99)} ms  ${Math.round(b.rps)} req/s  non-2xx+errors ${b.bad}`,
    );
    console.log(
      `    portbot (ack + answer)  ack median ${fmt(p.p50)} ms  p99 ${fmt(p.p99)} ms  ${Math.round(p.rps)} req/s  non-2xx+errors ${p.bad}`,
    );
    console.log(
      `    ratio portbot/bare      p99 ${fmt(p.p99 / b.p99)}× (target ≤ 1.2×)  throughput ${fmt(p.rps / b.rps)}× (target ≥ 0.8×)  median ${fmt(p.p50 / b.p50)}×`,
    );
    console.log(
      `    answers completed: ${posted} posted for ${Math.round(p.requests)} acked, ${seeded} reactions seeded`,
    );
  }

  await bot.stop();
  await bare.stop();
  await store.close();
  await ask(worker, { cmd: "close" });
  await worker.terminate();
  loader?.disconnect();
  loader = null;
  rmSync(dir, { recursive: true, force: true });
}

if (isMainThread && !process.env.PORTBOT_BENCH_ROLE && process.argv[1] === import.meta.filename) {
  await run();
}
