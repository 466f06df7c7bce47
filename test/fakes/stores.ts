// Feedback stores that fail on purpose, delegating everything else to a real one.
import type { FeedbackStore } from "../../src/feedback/types.ts";

/** `store`, except that recordAnswer always rejects (a full disk, a lost database). */
export function failingRecordAnswer(store: FeedbackStore): FeedbackStore {
  return {
    kind: store.kind,
    migrate: () => store.migrate(),
    recordAnswer: async () => {
      throw new Error("recordAnswer failed on purpose");
    },
    recordReaction: (event) => store.recordReaction(event),
    claimEvent: (eventId, at) => store.claimEvent(eventId, at),
    stats: (options) => store.stats(options),
    close: () => store.close(),
  };
}
