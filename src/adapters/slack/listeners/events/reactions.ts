// reaction_added / reaction_removed on the bot's answers become votes through the kit: Slack's
// emoji names map to ratings here, and no bot's reaction counts (this one's seeds included).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { ratingFor } from "../../../kit/ratings.ts";
import type { SlackDeps } from "../../deps.ts";
import type { Durability } from "../../durable-ack.ts";
import { errorSummary } from "../../port.ts";
import { SLACK_RATINGS } from "../../ratings.ts";

type ReactionArgs = SlackEventMiddlewareArgs<"reaction_added" | "reaction_removed"> &
  AllMiddlewareArgs;

export function reactionChanged(deps: SlackDeps, action: "added" | "removed") {
  return async ({ event, body, context }: ReactionArgs): Promise<void> => {
    if (event.item.type !== "message") return;
    const rating = ratingFor(SLACK_RATINGS, event.reaction);
    // Not a rating: nothing to store, and no need to ask Slack who reacted.
    if (rating === null) return;
    try {
      const outcome = await deps.kit.vote({
        eventId: body.event_id,
        platform: "slack",
        workspace: body.team_id ?? "",
        channel: event.item.channel,
        messageId: event.item.ts,
        voter: event.user,
        voterIsBot: await deps.isBot(event.user),
        rating,
        action,
        at: typeof body.event_time === "number" ? new Date(body.event_time * 1000) : new Date(),
      });
      deps.logger.debug({ outcome, action, emoji: event.reaction }, "slack: reaction");
    } catch (error) {
      // Not acknowledged (durable-ack.ts), so Slack delivers it again; never told as stored.
      const durability = context.durability as Durability | undefined;
      if (durability !== undefined) durability.failed = true;
      deps.logger.error(errorSummary(error), "slack: storing a vote failed; Slack will retry it");
    }
  };
}
