// A deployed bot as an operator sees it (issue figures): time from start to ready, idle memory
// with Slack (HTTP) and Discord connected against a bare Bolt + discord.js process measured in the
// same run, peak memory during a burst of 2,000 /port commands and memory 60 s after it, and how
// many votes per second are acknowledged when each is acknowledged only once stored (SQLite and
// PostgreSQL). The bot runs as the image runs it: the Dockerfile's CMD (its Node flags) with the
// image's ENV (NODE_OPTIONS, MALLOC_ARENA_MAX); the bare process gets the same; the fakes run here.
// Takes a few minutes (the minute after the burst); not part of `npm test`.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openPostgresStore } from "../src/feedback/postgres.ts";
import { openSqliteStore } from "../src/feedback/sqlite.ts";
import { FakeDiscord } from "../test/fakes/discord.ts";
import {
  eventCallback,
  FAKE_TEAM_ID,
  FakeSlack,
  reactionEvent,
  sendEvent,
  sendSlashCommand,
} from "../test/fakes/slack.ts";
import { imageSettings } from "../test/support/dockerfile.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const SECRET = "bench-secret";
const BURST = 2_000;
const BURST_CONCURRENCY = 50;
const SETTLE_MS = Number(process.env.PORTBOT_BENCH_SETTLE_MS ?? 60_000);
const PG_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The runtime image's settings, so the bench measures what is deployed. */
const IMAGE = imageSettings(readFileSync(new URL("../Dockerfile", import.meta.url), "utf8"));
/** The Node flags of the image's CMD (`node FLAGS dist/main.js serve`). */
const IMAGE_NODE_FLAGS = IMAGE.cmd.slice(1, IMAGE.cmd.indexOf("dist/main.js"));
/** The image's ENV that tunes the process (paths and ports are the bench's own). */
const IMAGE_ENV = Object.fromEntries(
  Object.entries(IMAGE.env).filter(
    ([k]) => !["PORTBOT_DATA_DIR", "PORT", "HEALTH_PORT"].includes(k),
  ),
);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of a process from /proc (Linux), in bytes. */
async function rss(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function until(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(20);
  }
}

interface Bot {
  child: ChildProcess;
  slackPort: number;
  healthPort: number;
  dir: string;
}

async function startBot(slack: FakeSlack, discord: FakeDiscord): Promise<Bot> {
  const dir = mkdtempSync(join(tmpdir(), "portbot-prod-bench-"));
  const slackPort = await freePort();
  const healthPort = await freePort();
  const child = spawn(
    process.execPath,
    [...IMAGE_NODE_FLAGS, join(ROOT, "dist/main.js"), "serve"],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        ...IMAGE_ENV,
        HOME: dir,
        PORTBOT_DATA_DIR: dir,
        LOG_LEVEL: "error",
        HEALTH_PORT: String(healthPort),
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(slackPort),
        // Shaped like a bot token (three dot-separated parts): config refuses anything else.
        DISCORD_TOKEN: "YmVuY2g.YmVuY2g.bench-discord-token",
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return { child, slackPort, healthPort, dir };
}

/** A bare Bolt HTTP app and a bare discord.js client in one process: the floor for memory. */
function startBare(slack: FakeSlack, discord: FakeDiscord, port: number): ChildProcess {
  const script = `
    import { App } from "@slack/bolt";
    import { Client, GatewayIntentBits } from "discord.js";
    const app = new App({ token: "xoxb-bare", signingSecret: "s", botId: "B1", botUserId: "U1",
      clientOptions: { slackApiUrl: ${JSON.stringify(slack.apiUrl)} } });
    app.command("/port", async ({ ack }) => { await ack(); });
    await app.start(${port});
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: ${JSON.stringify(discord.apiUrl)} } });
    client.once("clientReady", () => console.log("ready"));
    await client.login("bare-token");
  `;
  return spawn(process.execPath, [...IMAGE_NODE_FLAGS, "--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...IMAGE_ENV },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function burst(url: string, slack: FakeSlack): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < BURST) {
      next += 1;
      await sendSlashCommand(url, SECRET, {
        text: String(next % 1000),
        response_url: slack.responseUrl(),
      });
    }
  };
  await Promise.all(Array.from({ length: BURST_CONCURRENCY }, lane));
}

/** RSS of the bare Bolt + discord.js process, idle, connected to the same fakes. */
async function bareIdle(slack: FakeSlack, discord: FakeDiscord): Promise<number> {
  const bare = startBare(slack, discord, await freePort());
  try {
    await new Promise<void>((r) => bare.stdout?.once("data", () => r()));
    await sleep(2_000);
    return await rss(bare.pid ?? 0);
  } finally {
    bare.kill("SIGKILL");
  }
}

/** Samples a process's RSS every 100 ms; stop() returns the highest seen. */
function peakSampler(pid: number): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    void rss(pid).then((r) => {
      peak = Math.max(peak, r);
    });
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

function printMemory(f: {
  ready: number;
  idle: number;
  bare: number;
  peak: number;
  settled: number;
  burstMs: number;
  busy: number;
}): void {
  const pct = (x: number) => `${((x / f.idle - 1) * 100).toFixed(0)}%`;
  console.log(
    `the image's Node flags and ENV                    ${[...IMAGE_NODE_FLAGS, ...Object.entries(IMAGE_ENV).map(([k, v]) => `${k}=${v}`)].join(" ")}`,
  );
  console.log(`start to ready (/readyz 200), Slack HTTP + Discord    ${f.ready.toFixed(0)} ms`);
  console.log(
    `idle RSS, both adapters                           ${mb(f.idle)}  (bare Bolt + discord.js ${mb(f.bare)}, ${(f.idle / f.bare).toFixed(2)}×; target ≤ 150 MB)`,
  );
  console.log(
    `peak RSS during ${BURST} /port commands (${BURST_CONCURRENCY} at once)   ${mb(f.peak)}  (${(f.peak / f.bare).toFixed(2)}× bare idle; target ≤ 300 MB); ${BURST - f.busy} answered, ${f.busy} told busy, in ${(f.burstMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `RSS ${SETTLE_MS / 1000} s after the burst                        ${mb(f.settled)}  (${pct(f.settled)} over idle, ${(f.settled / f.bare).toFixed(2)}× bare idle; target ≤ 20% over idle)`,
  );
}

async function memoryFigures(): Promise<void> {
  const slack = await FakeSlack.start();
  const discord = await FakeDiscord.start();
  const bare = await bareIdle(slack, discord);
  const started = performance.now();
  const bot = await startBot(slack, discord);
  const exited = new Promise((r) => bot.child.once("exit", r));
  const healthz = `http://127.0.0.1:${bot.healthPort}`;
  const pid = bot.child.pid ?? 0;
  try {
    await until(async () => (await fetch(`${healthz}/readyz`)).status === 200);
    const ready = performance.now() - started;
    await sleep(2_000);
    const idle = await rss(pid);

    const sampler = peakSampler(pid);
    const t0 = performance.now();
    await burst(`http://127.0.0.1:${bot.slackPort}/slack/events`, slack);
    await until(
      async () => slack.callsTo("chat.postMessage").length + slack.responses.length >= BURST,
      600_000,
    );
    const burstMs = performance.now() - t0;
    const peak = Math.max(idle, sampler.stop());
    await sleep(SETTLE_MS);
    const settled = await rss(pid);
    const busy = slack.responses.filter((r) => /at once/.test(String(r.body.text))).length;
    printMemory({ ready, idle, bare, peak, settled, burstMs, busy });
  } finally {
    bot.child.kill("SIGTERM");
    await exited;
    rmSync(bot.dir, { recursive: true, force: true });
    await slack.close();
    await discord.close();
  }
}

/** Durable acks per second: reaction events over HTTP, 10 in flight, each acked once stored. */
async function voteFigures(kind: "sqlite" | "postgres"): Promise<void> {
  const { createSlackApp } = await import("../src/adapters/slack/index.ts");
  const { loadPortbot } = await import("../src/core/portbot.ts");
  const { createLogger } = await import("../src/logger.ts");
  const dir = mkdtempSync(join(tmpdir(), "portbot-votes-bench-"));
  const schema = `portbot_bench_${process.pid}`;
  const store =
    kind === "sqlite"
      ? await openSqliteStore(join(dir, "feedback.db"))
      : await openPostgresStore(PG_URL, { schema });
  await store.migrate();
  const ts = "1700000000.000001";
  await store.recordAnswer({
    platform: "slack",
    workspace: FAKE_TEAM_ID,
    channel: "C1",
    messageId: ts,
    thread: null,
    query: "22",
    ports: [22],
    asker: "U1",
    at: new Date(),
  });
  const fake = await FakeSlack.start();
  const app = await createSlackApp(
    { portbot: loadPortbot(), store, logger: createLogger({ level: "silent" }) },
    { botToken: "xoxb-v", appToken: null, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0 },
    { identity: { botUserId: "U0BOT", botId: "B0BOT" }, listen: { port: 0, host: "127.0.0.1" } },
  );
  const { port } = await app.start();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const N = 2_000;
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < N) {
      const i = next++;
      const e = eventCallback(reactionEvent("added", "smiley", { channel: "C1", ts }, `UV${i}`), {
        eventId: `EvB${i}`,
      });
      await sendEvent(url, SECRET, e);
    }
  };
  await Promise.all(Array.from({ length: 10 }, lane));
  const seconds = (performance.now() - t0) / 1000;
  const stored = (await store.stats()).overall.votes;
  console.log(
    `durable vote acks/s, ${kind.padEnd(8)} (HTTP, 10 in flight)       ${(N / seconds).toFixed(0)} /s  (${stored} of ${N} stored)`,
  );
  await app.stop();
  await store.close();
  await fake.close();
  if (kind === "postgres") {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
  rmSync(dir, { recursive: true, force: true });
}

export async function run(): Promise<void> {
  await memoryFigures();
  await voteFigures("sqlite");
  await voteFigures("postgres").catch((e: unknown) =>
    console.log(`postgres votes: skipped (${String(e)})`),
  );
}
