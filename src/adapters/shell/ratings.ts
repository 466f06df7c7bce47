// What a person can type to rate an answer in the terminal: the keys the prompt names (+ ? -),
// the unicode emoji, and the chat names people are used to typing (`:+1:`, `:smiley:`).
import type { Rating } from "../../core/stats-model.ts";
import { RATING_CHOICES } from "../../core/wording.ts";
import { emojiRatings, UNICODE_RATINGS } from "../kit/ratings.ts";

const TYPED = Object.fromEntries(RATING_CHOICES.map((c) => [c.rating, [c.typed]])) as Record<
  Rating,
  string[]
>;

const NAMES: Record<Rating, string[]> = {
  helpful: ["smiley", "+1", "thumbsup"],
  confusing: ["face_with_raised_eyebrow"],
  "not-helpful": ["pensive", "-1", "thumbsdown"],
};

export const SHELL_RATINGS = emojiRatings(TYPED, UNICODE_RATINGS, NAMES);
