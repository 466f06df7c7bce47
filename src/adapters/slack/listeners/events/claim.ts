// An event is answered once: Slack retries (X-Slack-Retry-Num) and Socket Mode redeliveries
// carry the same event_id, and so does the same event reaching two replicas.
import type { SlackDeps } from "../../deps.ts";
import { errorSummary } from "../../port.ts";

/** True the first time `eventId` is seen; false when seen before or when the store failed (logged). */
export async function firstDelivery(
  deps: SlackDeps,
  eventId: string,
  what: string,
): Promise<boolean> {
  try {
    return await deps.store.claimEvent(eventId);
  } catch (error) {
    deps.logger.error(errorSummary(error), `slack: ${what} dedupe failed`);
    return false;
  }
}
