// Reaction → rating (DESIGN.md §4). Accepts what each platform delivers and what a person types in
// the shell: Slack names (`smiley`, `+1::skin-tone-3`), unicode (`😃`, `👍🏽`, `✅️`), typed forms
// (`:+1:`, `:smiley:`, `+`, `-`, `?`). Anything else is not a rating.
import type { Rating } from "../core/stats-model.ts";

const BY_NAME: ReadonlyMap<string, Rating> = new Map<string, Rating>([
  // Slack names
  ["smiley", "helpful"],
  ["+1", "helpful"],
  ["thumbsup", "helpful"],
  ["white_check_mark", "helpful"],
  ["heavy_check_mark", "helpful"],
  ["face_with_raised_eyebrow", "confusing"],
  ["pensive", "not-helpful"],
  ["-1", "not-helpful"],
  ["thumbsdown", "not-helpful"],
  // unicode (after skin tones and variation selectors are removed)
  ["😃", "helpful"],
  ["👍", "helpful"],
  ["✅", "helpful"],
  ["✔", "helpful"],
  ["🤨", "confusing"],
  ["😔", "not-helpful"],
  ["👎", "not-helpful"],
  // typed in the shell
  ["+", "helpful"],
  ["?", "confusing"],
  ["-", "not-helpful"],
]);

/** The reactions the bot adds to its own answers so people only have to click (helpful, confusing, not helpful). */
export const SEED_REACTIONS = {
  slack: ["smiley", "face_with_raised_eyebrow", "pensive"],
  unicode: ["😃", "🤨", "😔"],
} as const satisfies Record<string, readonly [string, string, string]>;

// U+FE0E/U+FE0F variation selectors and U+1F3FB–U+1F3FF skin-tone modifiers.
const MODIFIERS = /\uFE0E|\uFE0F|[\u{1F3FB}-\u{1F3FF}]/gu;

/** Maps a reaction (or a typed rating) to a rating, or null when it is not one. */
export function ratingForEmoji(emoji: string): Rating | null {
  let key = emoji.trim();
  if (key.length === 0 || key.length > 100) return null;
  // `:+1:` and `:+1::skin-tone-3:` as typed; `+1::skin-tone-3` as Slack delivers it.
  if (key.length > 2 && key.startsWith(":") && key.endsWith(":")) key = key.slice(1, -1);
  key = key.replace(/::skin-tone-[1-6]$/, "");
  key = key.replace(MODIFIERS, "").toLowerCase();
  return BY_NAME.get(key) ?? null;
}
