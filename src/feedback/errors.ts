// Store failures say which store and what it was doing: "PostgreSQL: reading the rating figures
// failed: Query read timeout", not a bare driver error in a log line nobody can place.
import { decorateStore, type StoreOperation } from "./decorate.ts";
import type { FeedbackStore } from "./types.ts";
import { FeedbackInputError } from "./validate.ts";

const STORE_NAME = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

const OPERATION: Record<StoreOperation, string> = {
  migrate: "migrating the schema",
  recordAnswer: "recording an answer",
  recordReaction: "storing a vote",
  claimEvent: "claiming a delivery",
  stats: "reading the rating figures",
  addNote: "adding a team note",
  removeNote: "removing a team note",
  listNotes: "reading the team notes",
  ping: "checking the connection",
};

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
  return decorateStore(store, async (operation, call) => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof FeedbackInputError || error instanceof StoreError) throw error;
      throw new StoreError(store.kind, operation, error);
    }
  });
}
