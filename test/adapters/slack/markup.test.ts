import assert from "node:assert/strict";
import { test } from "node:test";
import { slackToPlain } from "../../../src/adapters/slack/markup.ts";

test("mentions of people (the bot's own included) are dropped: ids never reach the core", () => {
  assert.equal(slackToPlain("<@U0BOT00001> what's on 5432?"), "what's on 5432?");
  assert.equal(slackToPlain("<@U0123456789> said 22"), "said 22");
  assert.equal(slackToPlain("<@W0123456789|bob42> 22"), "22");
  assert.doesNotMatch(slackToPlain("<@U0BOT00001> <@U0123456789> <@U98765|x>"), /\d/);
});

test("channels, broadcasts and user groups become inert plain words", () => {
  assert.equal(slackToPlain("<#C0123456789|ops> 22"), "#ops 22");
  assert.equal(slackToPlain("<#C0123456789> 22"), "22");
  assert.equal(slackToPlain("<!channel> <!here> <!everyone>"), "@channel @here @everyone");
  assert.equal(slackToPlain("<!subteam^S0123456|@oncall> 22"), "@oncall 22");
  assert.equal(slackToPlain("<!subteam^S0123456> 22"), "22");
  assert.equal(slackToPlain("<!date^1392734382^{date_short}|Feb 18> 22"), "Feb 18 22");
});

test("links keep what the person saw: the label, else the URL", () => {
  assert.equal(slackToPlain("<https://evil.example|click> 22"), "click 22");
  assert.equal(slackToPlain("<http://localhost:8080|localhost:8080>"), "localhost:8080");
  assert.equal(slackToPlain("<http://localhost:8080>"), "http://localhost:8080");
  assert.equal(slackToPlain("<mailto:a@b.example|a@b.example>"), "a@b.example");
});

test("Slack's escapes are undone exactly once", () => {
  assert.equal(slackToPlain("a &lt;b&gt; &amp; c"), "a <b> & c");
  assert.equal(slackToPlain("&amp;lt;"), "&lt;");
  assert.equal(slackToPlain("<https://x.example|a &amp;amp; b>"), "a &amp; b");
});

test("whitespace is tidied; plain text and stray angle brackets pass through", () => {
  assert.equal(slackToPlain("  <@U0BOT00001>   5432/udp  "), "5432/udp");
  assert.equal(slackToPlain("6000-6063"), "6000-6063");
  assert.equal(slackToPlain(""), "");
  assert.equal(slackToPlain("a < b > c"), "a < b > c");
});
