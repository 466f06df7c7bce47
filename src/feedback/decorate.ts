// One way to put something around every call of a store (naming its errors, timing it), so each
// wrapper says only what it adds.
import type { FeedbackStore } from "./types.ts";

export type StoreOperation =
  | "migrate"
  | "recordAnswer"
  | "recordReaction"
  | "claimEvent"
  | "stats"
  | "addNote"
  | "removeNote"
  | "listNotes"
  | "ping";

/** Runs `call` (the store's own method) for `operation`, and returns what it returns. */
export type Around = <R>(operation: StoreOperation, call: () => Promise<R>) => Promise<R>;

export function decorateStore(store: FeedbackStore, around: Around): FeedbackStore {
  return {
    kind: store.kind,
    migrate: () => around("migrate", () => store.migrate()),
    recordAnswer: (a) => around("recordAnswer", () => store.recordAnswer(a)),
    recordReaction: (e) => around("recordReaction", () => store.recordReaction(e)),
    claimEvent: (id, at) => around("claimEvent", () => store.claimEvent(id, at)),
    stats: (o) => around("stats", () => store.stats(o)),
    addNote: (n, l) => around("addNote", () => store.addNote(n, l)),
    removeNote: (r, l) => around("removeNote", () => store.removeNote(r, l)),
    listNotes: (s, o) => around("listNotes", () => store.listNotes(s, o)),
    ping: () => around("ping", () => store.ping()),
    close: () => store.close(),
  };
}
