// Reaction → rating. Each adapter names the emoji its platform delivers (Slack's `smiley`,
// Discord's unicode 😃, a key typed in the terminal) and maps them with these helpers; stores only
// ever see the rating. The order and the default emoji come from the core (RATING_CHOICES).
import type { Rating } from "../../core/stats-model.ts";
import { RATING_CHOICES } from "../../core/wording.ts";

export type EmojiRatings = ReadonlyMap<string, Rating>;

/** The unicode forms every platform that sends unicode (Discord, a terminal) can deliver. */
export const UNICODE_RATINGS: Readonly<Record<Rating, readonly string[]>> = {
  helpful: ["😃", "👍", "✅", "✔"],
  confusing: ["🤨"],
  "not-helpful": ["😔", "👎"],
};

/** Builds a lookup from a platform's emoji names per rating (names are matched lower-cased). */
export function emojiRatings(
  ...tables: Readonly<Record<Rating, readonly string[]>>[]
): EmojiRatings {
  const map = new Map<string, Rating>();
  for (const table of tables) {
    for (const [rating, names] of Object.entries(table) as [Rating, readonly string[]][]) {
      for (const name of names) map.set(name.toLowerCase(), rating);
    }
  }
  return map;
}

// U+FE0E/U+FE0F variation selectors and U+1F3FB–U+1F3FF skin-tone modifiers.
const MODIFIERS = /\uFE0E|\uFE0F|[\u{1F3FB}-\u{1F3FF}]/gu;

/**
 * The rating a reaction stands for, or null when it is not one. Skin tones (`+1::skin-tone-3`,
 * 👍🏽), variation selectors and `:name:` colons count as the plain emoji.
 */
export function ratingFor(table: EmojiRatings, emoji: string): Rating | null {
  let key = emoji.trim();
  if (key.length === 0 || key.length > 100) return null;
  if (key.length > 2 && key.startsWith(":") && key.endsWith(":")) key = key.slice(1, -1);
  key = key.replace(/::skin-tone-[1-6]$/, "");
  key = key.replace(MODIFIERS, "").toLowerCase();
  return table.get(key) ?? null;
}

/** The reactions to seed on a rateable answer, in the order people read the prompt. */
export function seedOrder<T>(marks: Readonly<Record<Rating, T>>): T[] {
  return RATING_CHOICES.map((c) => marks[c.rating]);
}

/** The default emoji per rating (what Discord and the terminal show). */
export const UNICODE_SEEDS: Readonly<Record<Rating, string>> = Object.fromEntries(
  RATING_CHOICES.map((c) => [c.rating, c.emoji]),
) as Record<Rating, string>;
