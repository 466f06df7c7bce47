// Store failures say which store and what it was doing: "PostgreSQL: reading the rating figures
// failed: Query read timeout", not a bare driver error in a log line nobody can place.
import type { FeedbackStore } from "./types.ts";
import { FeedbackInputError } from "./validate.ts";

const STORE_NAME = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

const OPERATION = {
  migrate: "migrating the schema",
  recordAnswer: "recording an answer",
  recordReaction: "storing a vote",
  claimEvent: "claiming a delivery",
  stats: "reading the rating figures",
  ping: "checking the connection",
} as const;

export type StoreOperation = keyof typeof OPERATION;

export class StoreError extends Error {
  override name = "StoreError";
  readonly store: FeedbackStore["kind"];
  readonly operation: StoreOperation;
  constructor(store: FeedbackStore["kind"], operation: StoreOperation, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`${STORE_NAME[store]}: ${OPERATION[operation]} failed: ${why}`, { cause });
    this.store = store;
    this.operation = operation;
  }
}

/** The store, with every failure (but refused input) reported as a StoreError. */
export function withNamedErrors(store: FeedbackStore): FeedbackStore {
  const named =
    <A extends unknown[], R>(operation: StoreOperation, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        if (error instanceof FeedbackInputError || error instanceof StoreError) throw error;
        throw new StoreError(store.kind, operation, error);
      }
    };
  return {
    kind: store.kind,
    migrate: named("migrate", () => store.migrate()),
    recordAnswer: named("recordAnswer", (a) => store.recordAnswer(a)),
    recordReaction: named("recordReaction", (e) => store.recordReaction(e)),
    claimEvent: named("claimEvent", (id, at) => store.claimEvent(id, at)),
    stats: named("stats", (o) => store.stats(o)),
    ping: named("ping", () => store.ping()),
    close: () => store.close(),
  };
}
