// A vote whose promise resolved survives the process being killed: a child votes and prints each
// acknowledged vote, is SIGKILLed mid-stream, and every acknowledged vote is found afterwards.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, it } from "node:test";
import type { Rating } from "../../src/core/stats-model.ts";
import { openPostgresStore } from "../../src/feedback/postgres.ts";
import { openSqliteStore } from "../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";
import { acks, startVoter } from "./child.ts";
import { answer } from "./fixtures.ts";
import { dropSchema, PG_URL, pgQuery, pgSkipReason, randomSchema } from "./pg.ts";
import type { Plan } from "./vote-child.ts";

const pgSkip = await pgSkipReason();
const ANSWERS = 10;
const ACKS_BEFORE_KILL = 300;
const RATINGS_CYCLE: Rating[] = ["helpful", "confusing", "not-helpful", "helpful", "not-helpful"];

async function seed(store: FeedbackStore): Promise<void> {
  await store.migrate();
  for (let i = 0; i < ANSWERS; i++) await store.recordAnswer(answer({ messageId: `m${i}` }));
}

/** Runs a voter that would go on for a long time, kills it after some acks, returns the acks. */
async function killMidStream(base: Omit<Plan, "answers" | "streams" | "inFlight" | "waitForGo">) {
  const voter = startVoter({
    ...base,
    answers: ANSWERS,
    streams: [{ eventPrefix: "E", voterPrefix: "v", count: 1_000_000, ratings: RATINGS_CYCLE }],
    inFlight: 2,
    waitForGo: false,
  });
  await voter.waitFor(
    (line) => line.startsWith("ack ") && line.includes(` v${ACKS_BEFORE_KILL / ANSWERS} `),
  );
  voter.child.kill("SIGKILL");
  const end = await voter.ended;
  assert.equal(end.signal, "SIGKILL", `child ended on its own: ${end.stderr}`);
  assert.ok(!end.lines.some((l) => l.startsWith("done")), "killed before finishing");
  const acked = acks(end.lines);
  assert.ok(acked.length >= ACKS_BEFORE_KILL, `only ${acked.length} acks`);
  for (const a of acked) assert.equal(a.outcome, "voted");
  return acked;
}

function expectedRating(eventId: string): string {
  const i = Number(eventId.slice(1));
  return RATINGS_CYCLE[i % RATINGS_CYCLE.length] ?? "";
}

describe("durability: acknowledged votes survive SIGKILL", () => {
  it("sqlite", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portbot-durable-"));
    const path = join(dir, "feedback.db");
    try {
      const setup = await openSqliteStore(path);
      await seed(setup);
      await setup.close();

      const acked = await killMidStream({ backend: "sqlite", target: path });

      const db = new DatabaseSync(path);
      try {
        assert.equal(db.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
        const rows = db
          .prepare(
            "SELECT a.message_id AS m, v.voter AS voter, v.rating AS rating FROM votes v JOIN answers a ON a.id = v.answer_id",
          )
          .all();
        const stored = new Map(rows.map((r) => [`${r.m} ${r.voter}`, String(r.rating)]));
        for (const a of acked) {
          assert.equal(
            stored.get(`${a.messageId} ${a.voter}`),
            expectedRating(a.eventId),
            `lost ${a.eventId}`,
          );
        }
      } finally {
        db.close();
      }
      const reopened = await openSqliteStore(path);
      try {
        await reopened.migrate();
        assert.ok((await reopened.stats()).overall.votes >= acked.length);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("postgres", { skip: pgSkip ?? false }, async () => {
    const schema = randomSchema();
    try {
      const setup = await openPostgresStore(PG_URL, { schema });
      await seed(setup);
      await setup.close();

      const acked = await killMidStream({ backend: "postgres", target: PG_URL, schema });

      const rows = await pgQuery<{ m: string; voter: string; rating: string }>(
        schema,
        "SELECT a.message_id AS m, v.voter, v.rating FROM votes v JOIN answers a ON a.id = v.answer_id",
      );
      const stored = new Map(rows.map((r) => [`${r.m} ${r.voter}`, r.rating]));
      for (const a of acked) {
        assert.equal(
          stored.get(`${a.messageId} ${a.voter}`),
          expectedRating(a.eventId),
          `lost ${a.eventId}`,
        );
      }
      const reopened = await openPostgresStore(PG_URL, { schema });
      try {
        await reopened.migrate();
        assert.ok((await reopened.stats()).overall.votes >= acked.length);
      } finally {
        await reopened.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });
});
