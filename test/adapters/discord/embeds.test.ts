import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  EMBED_LIMITS,
  embedSize,
  escapeMarkdown,
  renderMessages,
  renderReply,
  renderSpan,
  truncate,
} from "../../../src/adapters/discord/embeds.ts";
import { decodeButton } from "../../../src/adapters/kit/buttons.ts";
import type { Card, Line, Reply } from "../../../src/core/reply-model.ts";
import { testPortbot } from "../../support/portbot.ts";

function assertWithinLimits(messages: ReturnType<typeof renderReply>): void {
  assert.ok(messages.length > 0);
  for (const embeds of messages) {
    assert.ok(embeds.length >= 1 && embeds.length <= EMBED_LIMITS.embedsPerMessage);
    let total = 0;
    for (const e of embeds) {
      assert.ok((e.title?.length ?? 0) <= EMBED_LIMITS.title, "title");
      assert.ok((e.description?.length ?? 0) <= EMBED_LIMITS.description, "description");
      assert.ok((e.fields?.length ?? 0) <= EMBED_LIMITS.fields, "fields");
      assert.ok(e.title || e.description || (e.fields?.length ?? 0) > 0, "no empty embed");
      for (const f of e.fields ?? []) {
        assert.ok(f.name.length > 0 && f.name.length <= EMBED_LIMITS.fieldName, "field name");
        assert.ok(f.value.length > 0 && f.value.length <= EMBED_LIMITS.fieldValue, "field value");
      }
      total += embedSize(e);
    }
    assert.ok(total <= EMBED_LIMITS.total, `total ${total}`);
  }
}

const text = (t: string): Line => [{ t: "text", text: t }];

function hugeReply(cards: number, sections: number, items: number, itemLength: number): Reply {
  const card = (i: number): Card => ({
    title: `Card ${i} ${"T".repeat(400)}`,
    subtitle: "S".repeat(5000),
    port: i,
    sections: Array.from({ length: sections }, (_, s) => ({
      title: `Section ${s} ${"N".repeat(300)}`,
      body: [text("B".repeat(itemLength))],
      items: Array.from({ length: items }, (_, k) => text(`${k} ${"I".repeat(itemLength)}`)),
      commands: [{ label: "macOS / Linux", command: `lsof -nP -iTCP:${i} -sTCP:LISTEN` }],
    })),
    more: [],
  });
  return {
    kind: "ports",
    query: "q",
    text: "t",
    cards: Array.from({ length: cards }, (_, i) => card(i)),
    notes: [text("Showing 5 of 9 ports.")],
    ports: [],
    visibility: "public",
    ratable: true,
    ratingPrompt: "Was this helpful? 😃 🤨 😔",
    share: null,
  };
}

test("the real core's largest answers fit Discord's limits", () => {
  const portbot = testPortbot();
  for (const q of [
    "22 80 443 5432 6379",
    "6000-6063",
    "1-65535",
    "postgres",
    "help",
    "5432",
    "70000",
  ]) {
    assertWithinLimits(renderReply(portbot.reply(q)));
  }
  for (const r of portbot.repliesForMessage("22 80 443 3306 5432 6379 8080 27017")) {
    assertWithinLimits(renderReply(r));
  }
});

test("oversized replies are split over messages within every limit, losing no field", () => {
  const reply = hugeReply(12, 30, 8, 300);
  const messages = renderReply(reply);
  assert.ok(messages.length > 1);
  assertWithinLimits(messages);
  const items = messages
    .flat()
    .flatMap((e) => e.fields ?? [])
    .map((f) => f.value)
    .join("\n");
  for (let k = 0; k < 8; k++) assert.ok(items.includes(`${k} III`), `item ${k} kept`);
  // The rating prompt rides on the first message (the one recorded and seeded).
  assert.equal(messages[0]?.at(-1)?.footer?.text, "Was this helpful? 😃 🤨 😔");
  assert.equal(
    messages
      .slice(1)
      .flat()
      .filter((e) => e.footer).length,
    0,
  );
});

test("each card's buttons ride on the message its embed is in, at most five rows a message", () => {
  const more = testPortbot().reply("8080").cards[0]?.more ?? [];
  const base = hugeReply(12, 30, 8, 300);
  const reply: Reply = { ...base, cards: base.cards.map((c) => ({ ...c, more })) };
  const messages = renderMessages(reply);
  assert.ok(messages.length > 1);
  assert.deepEqual(
    messages.map((m) => m.embeds),
    renderReply(reply),
    "the same embeds as renderReply",
  );
  let rows = 0;
  for (const m of messages) {
    assert.ok(m.components.length <= EMBED_LIMITS.rows);
    rows += m.components.length;
    const titles = m.embeds.map((e) => e.title ?? "").filter((t) => t.startsWith("Card "));
    // The rows on a message are those of the cards whose title embed is in it, in order.
    const ports = m.components.map((row) => {
      const action = decodeButton(row.components[0]?.custom_id);
      return action?.kind === "detail" ? String(action.port) : null;
    });
    assert.deepEqual(
      ports,
      titles.slice(0, EMBED_LIMITS.rows).map((t) => t.split(" ")[1]),
    );
  }
  assert.ok(rows >= Math.min(12, messages.length));
});

test("a private reply's Share in channel button is on its last message", () => {
  const help = renderMessages(testPortbot().help());
  const last = help.at(-1)?.components.at(-1)?.components[0];
  assert.equal(last?.label, "Share in channel");
  assert.equal(last?.custom_id, "pb1|q|help");
  assert.deepEqual(renderMessages(testPortbot().usageHint())[0]?.components, []);
});

test("any reply shape stays within the limits (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 15 }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 2000 }),
      (cards, sections, items, len) =>
        assertWithinLimits(renderReply(hugeReply(cards, sections, items, len))),
    ),
    { numRuns: 60 },
  );
});

test("user text is escaped: mentions, everyone, masked links and bare URLs are inert", () => {
  const out = escapeMarkdown(
    "@everyone @here <@&123> <@456> [x](https://evil.example) **b** `c` > q",
  );
  assert.doesNotMatch(out, /@everyone|@here/);
  assert.doesNotMatch(out, /(?<!\\)</);
  assert.doesNotMatch(out, /(?<!\\)\[|(?<!\\)\]|(?<!\\)\(/);
  assert.doesNotMatch(out, /https:\/\//);
  assert.doesNotMatch(out, /(?<!\\)\*|(?<!\\)`/);
});

test("only link spans become links, and only for http(s) URLs", () => {
  assert.equal(
    renderSpan({ t: "link", text: "IANA", url: "https://www.iana.org/a_(b)" }),
    "[IANA](https://www.iana.org/a_%28b%29)",
  );
  assert.equal(renderSpan({ t: "link", text: "x", url: "javascript:alert(1)" }), "x");
  assert.equal(renderSpan({ t: "code", text: "a`b" }), "`a\u02cbb`");
  assert.equal(renderSpan({ t: "strong", text: "*" }), "**\\***");
});

test("truncate never leaves a dangling escape or half a surrogate pair", () => {
  assert.equal(truncate("abc", 3), "abc");
  assert.equal(truncate("ab\\*cd", 4), "ab…");
  assert.equal(truncate("a😃b", 3), "a…");
});

test("a 50-socket listing: code-block fields of at most 1024, header on each, within every limit", async () => {
  const { ssListing } = await import("../../support/listings.ts");
  const reply = testPortbot().listing(ssListing(50));
  assert.ok(reply);
  const messages = renderReply(reply);
  assertWithinLimits(messages);
  const tables = messages
    .flat()
    .flatMap((e) => e.fields ?? [])
    .filter((f) => f.value.startsWith("```"));
  assert.ok(tables.length >= 4, "split over fields");
  for (const f of tables) {
    assert.ok(f.value.length <= EMBED_LIMITS.fieldValue);
    assert.match(f.value, /^```\n! +local address +proto[^\n]*\n[\s\S]*\n```$/);
  }
  assert.equal(
    tables
      .map((f) => f.value)
      .join("\n")
      .match(/0\.0\.0\.0:2\d{4}/g)?.length,
    50,
  );
});

test("a fence in a table cell cannot end the table's code block", () => {
  const reply = testPortbot().listing('LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("x",pid=7,fd=3))');
  assert.ok(reply);
  const card = reply.cards[0] as Card;
  const first = card.sections[0];
  assert.ok(first?.table);
  const table = { ...first.table, rows: [["!", "x```@everyone", "tcp", "", "", ""]] };
  const fenced: Reply = { ...reply, cards: [{ ...card, sections: [{ ...first, table }] }] };
  const value = renderReply(fenced)[0]?.[0]?.fields?.find((f) => f.value.startsWith("```"))?.value;
  assert.equal(value?.match(/```/g)?.length, 2);
});
