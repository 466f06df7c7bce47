// Several replicas on one PostgreSQL: two processes vote on the same answers at once (the same
// deliveries, the same people, and people of their own) and nothing is lost or counted twice;
// migrations started together apply each step once.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openPostgresStore, POSTGRES_MIGRATIONS } from "../../src/feedback/postgres.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";
import { startVoter } from "./child.ts";
import { answer } from "./fixtures.ts";
import { dropSchema, PG_URL, pgQuery, pgSkipReason, randomSchema } from "./pg.ts";
import type { Stream } from "./vote-child.ts";

const pgSkip = await pgSkipReason();
const ANSWERS = 20;
const N = 200; // reactions per stream

describe("postgres: replicas at once", { skip: pgSkip ?? false }, () => {
  it("two processes voting on the same answers lose nothing and duplicate nothing", async () => {
    const schema = randomSchema();
    try {
      const setup = await openPostgresStore(PG_URL, { schema });
      await setup.migrate();
      for (let i = 0; i < ANSWERS; i++) await setup.recordAnswer(answer({ messageId: `m${i}` }));
      await setup.close();

      // the same deliveries reach both replicas (a redelivery)
      const shared: Stream = { eventPrefix: "S", voterPrefix: "s", count: N, ratings: ["helpful"] };
      // the same people rating differently on each replica at once
      const contestA: Stream = {
        eventPrefix: "CA",
        voterPrefix: "c",
        count: N,
        ratings: ["helpful"],
      };
      const contestB: Stream = {
        eventPrefix: "CB",
        voterPrefix: "c",
        count: N,
        ratings: ["not-helpful"],
      };
      const ownA: Stream = {
        eventPrefix: "A",
        voterPrefix: "a",
        count: N,
        ratings: ["not-helpful"],
      };
      const ownB: Stream = { eventPrefix: "B", voterPrefix: "b", count: N, ratings: ["confusing"] };
      const base = {
        backend: "postgres",
        target: PG_URL,
        schema,
        answers: ANSWERS,
        inFlight: 4,
        waitForGo: true,
      } as const;
      const a = startVoter({ ...base, streams: [shared, contestA, ownA] });
      const b = startVoter({ ...base, streams: [contestB, shared, ownB] });
      await Promise.all([a.waitFor((l) => l === "ready"), b.waitFor((l) => l === "ready")]);
      a.child.stdin?.end("go\n");
      b.child.stdin?.end("go\n");
      const [ea, eb] = await Promise.all([a.ended, b.ended]);
      assert.equal(ea.code, 0, ea.stderr);
      assert.equal(eb.code, 0, eb.stderr);

      const outcomes = (lines: string[]) => {
        const byPrefix = new Map<string, number>();
        for (const l of lines.filter((x) => x.startsWith("ack "))) {
          const [, eventId = "", , , outcome = ""] = l.split(" ");
          const key = `${eventId.replace(/\d+$/, "")} ${outcome}`;
          byPrefix.set(key, (byPrefix.get(key) ?? 0) + 1);
        }
        return byPrefix;
      };
      const oa = outcomes(ea.lines);
      const ob = outcomes(eb.lines);
      const both = (key: string) => (oa.get(key) ?? 0) + (ob.get(key) ?? 0);
      // each shared delivery counted once, seen twice
      assert.equal(both("S voted"), N);
      assert.equal(both("S duplicate"), N);
      // each contested person: one vote, then one replacement, whichever came first
      assert.equal(both("CA voted") + both("CB voted"), N);
      assert.equal(both("CA replaced") + both("CB replaced"), N);
      assert.equal(oa.get("A voted"), N);
      assert.equal(ob.get("B voted"), N);
      const total = [...oa.values(), ...ob.values()].reduce((x, y) => x + y, 0);
      assert.equal(total, 5 * N + N, "every reaction acknowledged exactly once");

      const rows = await pgQuery<{ voter: string; n: number }>(
        schema,
        "SELECT left(voter, 1) AS voter, count(*)::int AS n FROM votes GROUP BY 1 ORDER BY 1",
      );
      assert.deepEqual(rows, [
        { voter: "a", n: N },
        { voter: "b", n: N },
        { voter: "c", n: N },
        { voter: "s", n: N },
      ]);
      const seen = await pgQuery<{ n: number }>(
        schema,
        "SELECT count(*)::int AS n FROM seen_events",
      );
      assert.equal(seen[0]?.n, 5 * N);

      const check = await openPostgresStore(PG_URL, { schema });
      try {
        const s = await check.stats();
        assert.equal(s.overall.votes, 4 * N);
        assert.equal(s.overall.confusing, N);
        assert.equal(s.overall.helpful + s.overall.notHelpful, 3 * N);
        assert.ok(s.overall.helpful >= N && s.overall.notHelpful >= N);
      } finally {
        await check.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it("migrations started by several replicas at once apply each step once", async () => {
    const schema = randomSchema();
    const stores: FeedbackStore[] = [];
    try {
      for (let i = 0; i < 4; i++) stores.push(await openPostgresStore(PG_URL, { schema, max: 2 }));
      await Promise.all(stores.map((s) => s.migrate()));
      await Promise.all(stores.map((s) => s.migrate()));
      const rows = await pgQuery<{ version: number }>(
        schema,
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        POSTGRES_MIGRATIONS.map((m) => m.version),
      );
      await stores[0]?.recordAnswer(answer());
      assert.equal((await stores[3]?.stats())?.answers, 1);
    } finally {
      for (const s of stores) await s.close();
      await dropSchema(schema);
    }
  });
});
