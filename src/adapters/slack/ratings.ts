// Slack delivers reactions by name (`smiley`, `+1::skin-tone-3`); these are the names that rate.
import type { Rating } from "../../core/stats-model.ts";
import { emojiRatings } from "../kit/ratings.ts";

export const SLACK_EMOJI: Readonly<Record<Rating, readonly string[]>> = {
  helpful: ["smiley", "+1", "thumbsup", "white_check_mark", "heavy_check_mark"],
  confusing: ["face_with_raised_eyebrow"],
  "not-helpful": ["pensive", "-1", "thumbsdown"],
};

export const SLACK_RATINGS = emojiRatings(SLACK_EMOJI);

/** The reaction the bot seeds for each rating (the first name of each). */
export const SLACK_SEEDS: Readonly<Record<Rating, string>> = {
  helpful: "smiley",
  confusing: "face_with_raised_eyebrow",
  "not-helpful": "pensive",
};
