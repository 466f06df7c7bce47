// Discord delivers reactions as unicode (😃, 👍🏽) or custom emoji (`name:id`); the unicode ones
// rate, the bot seeds the core's three.
import type { MessageReaction, PartialMessageReaction } from "discord.js";
import { emojiRatings, UNICODE_RATINGS, UNICODE_SEEDS } from "../kit/ratings.ts";

export const DISCORD_RATINGS = emojiRatings(UNICODE_RATINGS);
export const DISCORD_SEEDS = UNICODE_SEEDS;

/** The emoji as one string: unicode itself, or `name:id` for a custom emoji. */
export function emojiKey(reaction: MessageReaction | PartialMessageReaction): string {
  const { id, name } = reaction.emoji;
  return id ? `${name ?? ""}:${id}` : (name ?? "");
}
