// reaction_added / reaction_removed on the bot's answers become votes (DESIGN.md §4). The store
// maps the emoji, ignores the bot's own reactions and unknown messages, and dedupes on event_id.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { errorSummary, type SlackDeps } from "../../deliver.ts";

type ReactionArgs = SlackEventMiddlewareArgs<"reaction_added" | "reaction_removed"> &
  AllMiddlewareArgs;

export function reactionChanged(deps: SlackDeps, action: "added" | "removed") {
  return async ({ event, body }: ReactionArgs): Promise<void> => {
    if (event.item.type !== "message") return;
    try {
      const outcome = await deps.store.recordReaction({
        eventId: body.event_id,
        platform: "slack",
        workspace: body.team_id ?? "",
        channel: event.item.channel,
        messageId: event.item.ts,
        voter: event.user,
        emoji: event.reaction,
        action,
        fromBot: event.user === deps.identity.botUserId,
        at: typeof body.event_time === "number" ? new Date(body.event_time * 1000) : new Date(),
      });
      deps.logger.debug({ outcome, action, emoji: event.reaction }, "slack: reaction");
    } catch (error) {
      deps.logger.error(errorSummary(error), "slack: recording a reaction failed");
    }
  };
}
