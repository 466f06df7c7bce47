import assert from "node:assert/strict";
import { test } from "node:test";
import { mentionsUser, stripDiscordMarkup } from "../../../src/adapters/discord/markup.ts";
import { testPortbot } from "../../support/portbot.ts";

test("Discord markup is removed so snowflakes and timestamps are never read as ports", () => {
  const text =
    "<@900000000000000001> <@!900000000000000001> what's on 5432? cc <@&123456789012345678> " +
    "<#900000000000000010> <:pg:123456789012345678> <a:spin:123456789012345678> " +
    "<t:1700000000:R> <t:1700000000> </port:1000000000000000001> <id:customize>";
  assert.equal(stripDiscordMarkup(text), "what's on 5432? cc");
  assert.deepEqual(testPortbot().portsIn(stripDiscordMarkup(text)), [5432]);
});

test("plain text, @everyone, ports and line breaks survive", () => {
  assert.equal(
    stripDiscordMarkup("  @everyone  22/udp\n and :8080 "),
    "@everyone 22/udp\nand :8080",
  );
});

test("mentionsUser needs the explicit mention, not a reply ping", () => {
  assert.ok(mentionsUser("<@42> hi", "42"));
  assert.ok(mentionsUser("hi <@!42>", "42"));
  assert.ok(!mentionsUser("hi <@421>", "42"));
  assert.ok(!mentionsUser("thanks", "42"));
});
