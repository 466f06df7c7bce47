// What every store contract test needs: a fresh store per test, and the check for refused input.
import assert from "node:assert/strict";
import type { StoreOptions } from "../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";
import { FeedbackInputError } from "../../src/feedback/validate.ts";

export interface StoreHarness {
  /** A migrated store on storage no other test uses. */
  store: FeedbackStore;
  /** Another store on the same storage, not yet migrated. */
  open(options?: StoreOptions): Promise<FeedbackStore>;
  /** Closes what the harness opened and removes the storage. */
  cleanup(): Promise<void>;
}

export type StoreFactory = (options?: StoreOptions) => Promise<StoreHarness>;

export async function withStore(
  factory: StoreFactory,
  fn: (store: FeedbackStore, h: StoreHarness) => Promise<void>,
  options?: StoreOptions,
): Promise<void> {
  const h = await factory(options);
  try {
    await fn(h.store, h);
  } finally {
    await h.cleanup();
  }
}

export async function rejectsInput(promise: Promise<unknown>, field: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FeedbackInputError, `expected FeedbackInputError, got ${error}`);
    assert.equal(error.field, field);
    assert.match(error.message, new RegExp(`${field.replace(/\./g, "\\.")}: `));
    return true;
  });
}
