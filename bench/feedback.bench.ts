// Feedback store figures on each backend, with 10k answers and 100k votes already stored:
//   - durable votes/s: new votes through recordReaction, each awaited before the next is sent
//     (SQLite: WAL + synchronous=FULL, an fsync per vote; PostgreSQL: a committed transaction per
//     vote), and on PostgreSQL also 8 in flight at once, as several handlers or replicas would;
//   - stats(): median time of the whole query, all time and over the last 7 days.
// Seeding is bulk SQL (not measured). Targets: ≥ 1,000 votes/s on SQLite, ≥ 500/s on PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import type { Rating } from "../src/core/stats-model.ts";
import { openPostgresStore } from "../src/feedback/postgres.ts";
import { openSqliteStore } from "../src/feedback/sqlite.ts";
import type { FeedbackStore, Platform } from "../src/feedback/types.ts";

const ANSWERS = 10_000;
const VOTERS_PER_ANSWER = 10; // 100k votes
const DURABLE_VOTES = 3_000;
const STATS_RUNS = 15;
const POPULAR = [
  22, 80, 443, 5432, 3306, 6379, 27017, 8080, 3389, 25565, 53, 25, 21, 9200, 5672, 11211, 1433,
  6443, 2049, 123,
];
const PLATFORMS: Platform[] = ["slack", "discord", "shell"];
const RATINGS = ["helpful", "helpful", "helpful", "confusing", "not-helpful"];
const RATINGS_CYCLE: Rating[] = ["helpful", "confusing", "not-helpful"];
const DAY = 86_400_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function portsOf(i: number): number[] {
  const first = POPULAR[i % POPULAR.length] ?? 22;
  return i % 2 === 0 ? [first] : [first, 1024 + ((i * 37) % 5000)];
}

/** Durable single votes, each awaited (or `inFlight` at a time); returns votes per second. */
async function votesPerSecond(store: FeedbackStore, tag: string, inFlight = 1): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < DURABLE_VOTES) {
      const i = next++;
      const a = (i * 7919) % ANSWERS;
      const outcome = await store.recordReaction({
        eventId: `bench-${tag}-${i}`,
        platform: PLATFORMS[a % 3] ?? "slack",
        workspace: "W",
        channel: `C${a % 50}`,
        messageId: `m${a}`,
        voter: `bench-${tag}-${i}`,
        rating: RATINGS_CYCLE[i % 3] ?? "helpful",
        action: "added",
        fromBot: false,
        at: new Date(),
      });
      if (outcome !== "voted") throw new Error(`bench vote ${i}: ${outcome}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return DURABLE_VOTES / ((performance.now() - t0) / 1000);
}

async function statsTimes(store: FeedbackStore): Promise<{ all: number; week: number }> {
  const time = async (since?: Date) => {
    const xs: number[] = [];
    for (let i = 0; i < STATS_RUNS; i++) {
      const t0 = performance.now();
      await store.stats(since === undefined ? {} : { since });
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  await store.stats(); // warm
  return { all: await time(), week: await time(new Date(Date.now() - 7 * DAY)) };
}

function seedSqlite(path: string): void {
  const db = new DatabaseSync(path);
  const now = Date.now();
  db.exec("BEGIN");
  const ins = db.prepare(
    "INSERT INTO answers (id, platform, workspace, channel, message_id, thread, query, ports, asker, at) VALUES (?, ?, 'W', ?, ?, NULL, ?, ?, ?, ?)",
  );
  const port = db.prepare("INSERT INTO answer_ports (answer_id, port) VALUES (?, ?)");
  const vote = db.prepare("INSERT INTO votes (answer_id, voter, rating, at) VALUES (?, ?, ?, ?)");
  for (let i = 0; i < ANSWERS; i++) {
    const ports = portsOf(i);
    const at = now - (i % 43_200) * 60_000; // spread over 30 days
    ins.run(
      i + 1,
      PLATFORMS[i % 3] ?? "slack",
      `C${i % 50}`,
      `m${i}`,
      `q${i}`,
      JSON.stringify(ports),
      `U${i % 300}`,
      at,
    );
    for (const p of ports) port.run(i + 1, p);
    for (let v = 0; v < VOTERS_PER_ANSWER; v++) {
      vote.run(
        i + 1,
        `v${v}`,
        RATINGS[(i * 7 + v * 13) % RATINGS.length] ?? "helpful",
        at + 60_000,
      );
    }
  }
  db.exec("COMMIT");
  db.close();
}

async function seedPostgres(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO answers (platform, workspace, channel, message_id, thread, query, ports, asker, at)
       SELECT (ARRAY['slack','discord','shell'])[1 + i % 3], 'W', 'C' || (i % 50), 'm' || i, NULL, 'q' || i,
              CASE WHEN i % 2 = 0 THEN ARRAY[($1::int[])[1 + i % 20]]
                   ELSE ARRAY[($1::int[])[1 + i % 20], 1024 + (i * 37) % 5000] END,
              'U' || (i % 300), now() - (i % 43200) * interval '1 minute'
       FROM generate_series(0, $2 - 1) i`,
      [POPULAR, ANSWERS],
    );
    await client.query(
      "INSERT INTO answer_ports (answer_id, port) SELECT id, unnest(ports) FROM answers",
    );
    await client.query(
      `INSERT INTO votes (answer_id, voter, rating, at)
       SELECT a.id, 'v' || g, (ARRAY['helpful','helpful','helpful','confusing','not-helpful'])[1 + ((a.id * 7 + g * 13) % 5)],
              a.at + interval '1 minute'
       FROM answers a, generate_series(0, $1 - 1) g`,
      [VOTERS_PER_ANSWER],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

async function benchSqlite(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "portbot-feedback-bench-"));
  try {
    const path = join(dir, "feedback.db");
    const setup = await openSqliteStore(path);
    await setup.migrate();
    await setup.close();
    seedSqlite(path);
    const store = await openSqliteStore(path);
    try {
      const vps = await votesPerSecond(store, "s");
      const s = await statsTimes(store);
      const votes = (await store.stats()).overall.votes;
      console.log(`sqlite     (${fmt(ANSWERS)} answers, ${fmt(votes)} votes after the run)`);
      console.log(
        `  durable votes/s, one at a time (${fmt(DURABLE_VOTES)} votes): ${fmt(vps)}  (target ≥ 1,000: ${fmt(vps / 1000, 2)}×)`,
      );
      console.log(`  stats() all time, median of ${STATS_RUNS}:           ${fmt(s.all, 1)} ms`);
      console.log(`  stats() last 7 days, median of ${STATS_RUNS}:        ${fmt(s.week, 1)} ms`);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<void> {
  const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `portbot_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`postgres   skipped: no server answers (${(error as Error).message})`);
    return;
  }
  try {
    const store = await openPostgresStore(url, { schema, max: 8 });
    try {
      await store.migrate();
      await seedPostgres(url, schema);
      const vps = await votesPerSecond(store, "p");
      const vps8 = await votesPerSecond(store, "p8", 8);
      const s = await statsTimes(store);
      const votes = (await store.stats()).overall.votes;
      console.log(`postgres   (${fmt(ANSWERS)} answers, ${fmt(votes)} votes after the run)`);
      console.log(
        `  durable votes/s, one at a time (${fmt(DURABLE_VOTES)} votes): ${fmt(vps)}  (target ≥ 500: ${fmt(vps / 500, 2)}×)`,
      );
      console.log(
        `  durable votes/s, 8 in flight (${fmt(DURABLE_VOTES)} votes):   ${fmt(vps8)}  (${fmt(vps8 / vps, 2)}× one at a time)`,
      );
      console.log(`  stats() all time, median of ${STATS_RUNS}:           ${fmt(s.all, 1)} ms`);
      console.log(`  stats() last 7 days, median of ${STATS_RUNS}:        ${fmt(s.week, 1)} ms`);
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

export async function run(): Promise<void> {
  await benchSqlite();
  await benchPostgres();
}

if (import.meta.main) await run();
