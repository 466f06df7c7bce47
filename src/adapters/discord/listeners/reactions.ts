// Reactions on the bot's answers become votes through the kit. The delivery id comes from the raw
// gateway dispatch (reaction-ids.ts), so a replayed dispatch counts once.
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from "discord.js";
import { ratingFor } from "../../kit/ratings.ts";
import { DISCORD_RATINGS, emojiKey } from "../ratings.ts";
import { reactionKey } from "../reaction-ids.ts";
import type { DiscordDeps } from "./deps.ts";

/**
 * Used only when a reaction event could not be matched to its gateway dispatch (should not happen):
 * the time bucket keeps a re-delivery within the same minute from counting twice.
 */
function fallbackEventId(key: string, at: Date): string {
  return `discord:${key}:${Math.floor(at.getTime() / 60_000)}`;
}

export async function onReaction(
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
  action: "added" | "removed",
  deps: DiscordDeps,
): Promise<void> {
  const message = reaction.message;
  const emoji = emojiKey(reaction);
  const key = reactionKey(message.id, user.id, emoji, action);
  const delivery = deps.deliveries.take(key);
  const me = deps.client.user?.id;
  const rating = ratingFor(DISCORD_RATINGS, emoji);
  // Cheap filters before the store: not a rating, or (when Discord says who wrote the message)
  // not one of our messages.
  if (rating === null) return;
  if (delivery?.messageAuthorId && me && delivery.messageAuthorId !== me) return;
  const at = new Date();
  const outcome = await deps.kit.vote({
    eventId: delivery?.eventId ?? fallbackEventId(key, at),
    platform: "discord",
    workspace: message.guildId ?? "",
    channel: message.channelId,
    messageId: message.id,
    voter: user.id,
    voterIsBot: user.bot === true || user.id === me,
    rating,
    action,
    at,
  });
  deps.logger.debug({ outcome, messageId: message.id, action }, "reaction");
}
