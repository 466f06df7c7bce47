// A "stats" reply from the core is a placeholder: the figures live in the feedback store, which
// the core does not know. Every adapter fills it in here before sending.
import type { Portbot } from "../core/portbot-api.ts";
import type { Reply } from "../core/reply-model.ts";
import type { FeedbackStore } from "../feedback/types.ts";

export async function withStats(
  replies: Reply[],
  portbot: Portbot,
  store: FeedbackStore,
): Promise<Reply[]> {
  if (!replies.some((r) => r.kind === "stats")) return replies;
  const stats = await store.stats();
  return replies.map((r) => (r.kind === "stats" ? portbot.stats(stats) : r));
}
