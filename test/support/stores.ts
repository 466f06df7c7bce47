// Feedback stores for tests: a real SQLite store in a temp directory, and wrappers that fail on
// purpose while delegating everything else to a real one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";

export interface TempStore {
  store: FeedbackStore;
  dir: string;
  close(): Promise<void>;
}

/** A migrated SQLite store in a fresh temp directory, removed on close(). */
export async function tempStore(prefix = "portbot-test-"): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = await openSqliteStore(join(dir, "feedback.db"));
  await store.migrate();
  return {
    store,
    dir,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Faults {
  recordAnswer: boolean;
  stats: boolean;
  recordReaction?: boolean;
  /** Reading the team notes fails. */
  notes?: boolean;
  /** Set: the next recordAnswer waits for this promise before it runs. */
  holdRecord?: { arrived: () => void; gate: Promise<void> } | undefined;
}

/** Makes the next recordAnswer wait until released; `arrived` resolves when it is called. */
export function holdNextRecord(faults: Faults): { arrived: Promise<void>; release(): void } {
  let release = () => {};
  let arrived = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  faults.holdRecord = { arrived, gate };
  return { arrived: reached, release };
}

/** `store`, with the calls switched on in `faults` rejecting (a full disk, a lost database). */
export function faultyStore(store: FeedbackStore, faults: Faults): FeedbackStore {
  return {
    kind: store.kind,
    migrate: () => store.migrate(),
    recordAnswer: async (a) => {
      const hold = faults.holdRecord;
      if (hold !== undefined) {
        faults.holdRecord = undefined;
        hold.arrived();
        await hold.gate;
      }
      if (faults.recordAnswer) throw new Error("recordAnswer failed on purpose");
      return store.recordAnswer(a);
    },
    recordReaction: async (event) => {
      if (faults.recordReaction) throw new Error("recordReaction failed on purpose");
      return store.recordReaction(event);
    },
    claimEvent: (eventId, at) => store.claimEvent(eventId, at),
    stats: async (options) => {
      if (faults.stats) throw new Error("stats failed on purpose");
      return store.stats(options);
    },
    addNote: (note, limits) => store.addNote(note, limits),
    removeNote: (removal, limits) => store.removeNote(removal, limits),
    listNotes: async (scope, options) => {
      if (faults.notes) throw new Error("listNotes failed on purpose");
      return store.listNotes(scope, options);
    },
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

/** `store`, except that recordAnswer always rejects. */
export function failingRecordAnswer(store: FeedbackStore): FeedbackStore {
  return faultyStore(store, { recordAnswer: true, stats: false });
}
