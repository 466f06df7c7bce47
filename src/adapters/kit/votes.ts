// Reactions on answers become votes. The adapter maps its platform's emoji to a rating
// (ratings.ts) and says whether the voter is a bot; the store dedupes deliveries and keeps one
// vote per person per answer.
import type { Rating } from "../../core/stats-model.ts";
import type { FeedbackStore, Platform, ReactionOutcome } from "../../feedback/types.ts";

export interface ReactionInput {
  /** The platform's delivery id: the same delivery seen twice counts once. */
  eventId: string;
  platform: Platform;
  workspace: string;
  channel: string;
  messageId: string;
  voter: string;
  /** Any bot, this one included: bots' reactions never count. */
  voterIsBot: boolean;
  /** null: not one of the rating emoji. */
  rating: Rating | null;
  action: "added" | "removed";
  at: Date;
}

/** Records a reaction as a vote; resolves once it is durable (or known not to count). */
export async function recordVote(store: FeedbackStore, r: ReactionInput): Promise<ReactionOutcome> {
  if (r.rating === null) return "ignored-emoji";
  if (r.voterIsBot) return "ignored-bot";
  return store.recordReaction({
    eventId: r.eventId,
    platform: r.platform,
    workspace: r.workspace,
    channel: r.channel,
    messageId: r.messageId,
    voter: r.voter,
    rating: r.rating,
    action: r.action,
    fromBot: false,
    at: r.at,
  });
}
