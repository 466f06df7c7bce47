// Votes are acknowledged only once they are durable. Bolt acknowledges an Events API request
// before its listeners run (over HTTP the 200 goes out at once; over Socket Mode the envelope ack),
// and Slack never redelivers an event it got an acknowledgement for, so a vote queued behind that
// ack would die with the process. For reaction events the acknowledgement is held back until the
// listener has stored the vote, and withheld when storing failed, so that Slack retries it (the
// store counts a redelivered event id once). Commands and mentions still ack at once.
import type { ReceiverEvent } from "@slack/bolt";

const VOTE_EVENTS = new Set(["reaction_added", "reaction_removed"]);

/** Put on the listener's context (Bolt merges customProperties into it) for vote events. */
export interface Durability {
  /** Set by the listener when the vote could not be stored: then nothing is acknowledged. */
  failed: boolean;
}

export function isVoteEvent(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const { type, event } = body as { type?: unknown; event?: { type?: unknown } };
  return type === "event_callback" && VOTE_EVENTS.has(String(event?.type));
}

/**
 * The event with its ack deferred, and `settle`, to call once processing has finished: it sends
 * the acknowledgement Bolt asked for, unless the listener marked the vote as not stored.
 */
export function deferAck(event: ReceiverEvent): { event: ReceiverEvent; settle(): Promise<void> } {
  const durability: Durability = { failed: false };
  let requested: { response: unknown } | null = null;
  const deferred: ReceiverEvent = {
    ...event,
    customProperties: { ...event.customProperties, durability },
    ack: async (response?: unknown) => {
      requested = { response };
    },
  };
  return {
    event: deferred,
    async settle() {
      if (requested !== null && !durability.failed) await event.ack(requested.response);
    },
  };
}
