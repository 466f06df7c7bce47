// A separate process that votes through a store, for the durability and concurrency tests.
// argv[2] is JSON (see Plan). Prints "ready", waits for a line on stdin when `waitForGo`, then
// prints one "ack <voter> <outcome>" line after each vote resolved, and "done <json counts>".
import { createInterface } from "node:readline";
import type { Rating } from "../../src/core/stats-model.ts";
import { openPostgresStore } from "../../src/feedback/postgres.ts";
import { openSqliteStore } from "../../src/feedback/sqlite.ts";
import type { FeedbackStore, ReactionOutcome } from "../../src/feedback/types.ts";

/**
 * A stream sends `count` reactions: number i goes to answer m{i % answers} from voter
 * `${voterPrefix}${floor(i / answers)}` with event id `${eventPrefix}${i}` and rating
 * ratings[i % ratings.length]. Streams are interleaved round-robin.
 */
export interface Stream {
  eventPrefix: string;
  voterPrefix: string;
  count: number;
  ratings: Rating[];
}

export interface Plan {
  backend: "sqlite" | "postgres";
  /** SQLite file or PostgreSQL URL. */
  target: string;
  schema?: string;
  /** Answers m0 … m{answers-1} exist in channel C1 of workspace T1 on slack. */
  answers: number;
  streams: Stream[];
  /** Reactions in flight at once. */
  inFlight: number;
  waitForGo: boolean;
}

type Planned = { eventId: string; messageId: string; voter: string; rating: Rating };

function* planned(plan: Plan): Generator<Planned> {
  const longest = Math.max(0, ...plan.streams.map((s) => s.count));
  for (let i = 0; i < longest; i++) {
    for (const s of plan.streams) {
      if (i >= s.count) continue;
      yield {
        eventId: `${s.eventPrefix}${i}`,
        messageId: `m${i % plan.answers}`,
        voter: `${s.voterPrefix}${Math.floor(i / plan.answers)}`,
        rating: s.ratings[i % s.ratings.length] ?? "helpful",
      };
    }
  }
}

const plan = JSON.parse(process.argv[2] ?? "{}") as Plan;

const store: FeedbackStore =
  plan.backend === "sqlite"
    ? await openSqliteStore(plan.target)
    : await openPostgresStore(plan.target, { schema: plan.schema, max: plan.inFlight });

process.stdout.write("ready\n");
if (plan.waitForGo) {
  const rl = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => rl.once("line", () => resolve()));
  rl.close();
}

const counts: Partial<Record<ReactionOutcome, number>> = {};
const events = planned(plan);
async function worker(): Promise<void> {
  for (let next = events.next(); !next.done; next = events.next()) {
    const e = next.value;
    const outcome = await store.recordReaction({
      ...e,
      platform: "slack",
      workspace: "T1",
      channel: "C1",
      action: "added",
      fromBot: false,
      at: new Date(),
    });
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    process.stdout.write(`ack ${e.eventId} ${e.messageId} ${e.voter} ${outcome}\n`);
  }
}
await Promise.all(Array.from({ length: plan.inFlight }, worker));
await store.close();
process.stdout.write(`done ${JSON.stringify(counts)}\n`);
