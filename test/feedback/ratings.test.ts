import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ratingForEmoji, SEED_REACTIONS } from "../../src/feedback/ratings.ts";

describe("ratingForEmoji", () => {
  const cases: [string, string | null][] = [
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
    ["+1::skin-tone-3", "helpful"],
    ["-1::skin-tone-6", "not-helpful"],
    // unicode, with skin tones and variation selectors
    ["😃", "helpful"],
    ["👍", "helpful"],
    ["👍🏽", "helpful"],
    ["👍\uFE0F", "helpful"],
    ["✅", "helpful"],
    ["✔️", "helpful"],
    ["🤨", "confusing"],
    ["😔", "not-helpful"],
    ["👎", "not-helpful"],
    ["👎🏿", "not-helpful"],
    // typed in the shell
    [":+1:", "helpful"],
    [":smiley:", "helpful"],
    [":-1:", "not-helpful"],
    [":+1::skin-tone-2:", "helpful"],
    [" :pensive: ", "not-helpful"],
    ["SMILEY", "helpful"],
    ["+", "helpful"],
    ["-", "not-helpful"],
    ["?", "confusing"],
    // not ratings
    ["tada", null],
    ["🎉", null],
    ["smile", null],
    ["", null],
    ["   ", null],
    [":", null],
    ["::", null],
    ["++", null],
    ["smiley::skin-tone-9", null],
    ["x".repeat(500), null],
    ["👍‍🔥", null],
  ];
  for (const [emoji, rating] of cases) {
    it(`${JSON.stringify(emoji.slice(0, 30))} → ${rating}`, () => {
      assert.equal(ratingForEmoji(emoji), rating);
    });
  }

  it("maps every seed reaction to helpful, confusing, not helpful in that order", () => {
    assert.deepEqual(SEED_REACTIONS.slack.map(ratingForEmoji), [
      "helpful",
      "confusing",
      "not-helpful",
    ]);
    assert.deepEqual(SEED_REACTIONS.unicode.map(ratingForEmoji), [
      "helpful",
      "confusing",
      "not-helpful",
    ]);
  });
});
