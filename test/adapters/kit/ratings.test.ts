import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DISCORD_RATINGS, DISCORD_SEEDS } from "../../../src/adapters/discord/ratings.ts";
import { emojiRatings, ratingFor, seedOrder } from "../../../src/adapters/kit/ratings.ts";
import { SHELL_RATINGS } from "../../../src/adapters/shell/ratings.ts";
import { SLACK_RATINGS, SLACK_SEEDS } from "../../../src/adapters/slack/ratings.ts";
import { RATINGS } from "../../../src/core/stats-model.ts";

// Every adapter's table together: what any platform (or a person at a terminal) may send.
const ALL = emojiRatings(
  Object.fromEntries(
    RATINGS.map((r) => [
      r,
      [...SLACK_RATINGS, ...DISCORD_RATINGS, ...SHELL_RATINGS]
        .filter(([, v]) => v === r)
        .map(([k]) => k),
    ]),
  ) as Record<(typeof RATINGS)[number], string[]>,
);
const ratingForEmoji = (emoji: string) => ratingFor(ALL, emoji);

describe("ratingFor (every adapter's emoji)", () => {
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

  it("maps every adapter's seed reaction to helpful, confusing, not helpful in that order", () => {
    const order = ["helpful", "confusing", "not-helpful"];
    assert.deepEqual(
      seedOrder(SLACK_SEEDS).map((e) => ratingFor(SLACK_RATINGS, e)),
      order,
    );
    assert.deepEqual(
      seedOrder(DISCORD_SEEDS).map((e) => ratingFor(DISCORD_RATINGS, e)),
      order,
    );
  });

  it("each platform rates only with what it can deliver", () => {
    // Discord sends unicode, never Slack's names; a terminal accepts both and the typed keys.
    assert.equal(ratingFor(DISCORD_RATINGS, "smiley"), null);
    assert.equal(ratingFor(SLACK_RATINGS, "+"), null);
    assert.equal(ratingFor(SHELL_RATINGS, "+"), "helpful");
    assert.equal(ratingFor(SHELL_RATINGS, ":+1:"), "helpful");
  });
});
