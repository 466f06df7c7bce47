import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  escapeSlack,
  fallbackText,
  homeView,
  type KnownBlock,
  LIMITS,
  renderMessage,
  renderSpan,
  replyBlocks,
} from "../../../src/adapters/slack/blocks.ts";
import type { Card, Reply } from "../../../src/core/reply-model.ts";
import { testPortbot } from "../../support/portbot.ts";

/** Asserts every Block Kit limit the adapter promises. */
export function assertWithinLimits(
  blocks: KnownBlock[],
  maxBlocks: number = LIMITS.blocks,
  maxChars = 12_000,
): void {
  assert.ok(blocks.length <= maxBlocks, `${blocks.length} blocks`);
  assert.ok(JSON.stringify(blocks).length <= maxChars, `${JSON.stringify(blocks).length} chars`);
  for (const block of blocks) {
    if (block.type === "section") {
      const text = block.text?.text ?? "";
      assert.ok(text.length <= 3000, `section of ${text.length}`);
      assert.ok(text.length > 0, "empty section");
    }
    if (block.type === "header") assert.ok(block.text.text.length <= 150);
    if (block.type === "context") {
      for (const e of block.elements) if ("text" in e) assert.ok(e.text.length <= 2000);
    }
  }
}

function reply(over: Partial<Reply>): Reply {
  return {
    kind: "ports",
    query: "q",
    text: "t",
    cards: [],
    notes: [],
    ports: [],
    visibility: "public",
    ratable: true,
    ratingPrompt: "Was this helpful? 😃 🤨 😔",
    share: null,
    ...over,
  };
}

function hugeCard(i: number): Card {
  const long = "x".repeat(5000);
  return {
    title: `Port ${i} ${"T".repeat(300)}`,
    subtitle: "s".repeat(4000),
    port: i,
    sections: Array.from({ length: 12 }, (_, j) => ({
      title: `Section ${j}`,
      body: [[{ t: "text", text: `${long} & <!channel>` }]],
      items: Array.from({ length: 40 }, (_, k) => [
        { t: "text" as const, text: `item ${k} ${"y".repeat(80)}` },
      ]),
      commands: [{ label: "Linux", command: `ss -ltnup 'sport = :${i}'` }],
    })),
    more: [],
  };
}

describe("limits", () => {
  test("a huge five-card reply stays within every limit and keeps notes and the prompt", () => {
    const r = reply({
      cards: [1, 2, 3, 4, 5].map(hugeCard),
      notes: [[{ t: "text", text: "Showing 5 of 9 ports." }]],
      text: "z".repeat(50_000),
    });
    const blocks = replyBlocks(r);
    assertWithinLimits(blocks);
    const last = JSON.stringify(blocks.slice(-3));
    assert.match(last, /Showing 5 of 9 ports\./);
    assert.match(last, /Was this helpful\?/);
    assert.match(last, /…/, "the cut is marked");
    assert.ok(fallbackText(r).length <= LIMITS.fallbackText);
  });

  test("many small cards are capped at 50 blocks", () => {
    const small: Card = { title: "P", subtitle: null, port: 1, sections: [], more: [] };
    const blocks = replyBlocks(reply({ cards: Array.from({ length: 80 }, () => small) }));
    assertWithinLimits(blocks);
    assert.ok(blocks.length >= LIMITS.blocks - 2, "uses the room it has");
  });

  test("a reply with extra failure notices stays within the limits", () => {
    const big = reply({ cards: [1, 2, 3, 4, 5].map(hugeCard) });
    const failure = reply({
      cards: [],
      notes: [[{ t: "text", text: "Invite me" }]],
      ratingPrompt: null,
    });
    const message = renderMessage(big, failure);
    assertWithinLimits(message.blocks);
    assert.match(JSON.stringify(message.blocks), /Invite me/);
  });

  test("the Home view stays within 100 blocks", () => {
    const view = homeView(
      reply({ cards: [1, 2, 3].map(hugeCard) }),
      reply({ cards: [4, 5].map(hugeCard) }),
    );
    assertWithinLimits(view.blocks as KnownBlock[], LIMITS.homeBlocks, 24_000);
    assert.doesNotMatch(JSON.stringify(view), /Was this helpful/, "no rating prompt on Home");
  });

  test("the real core's largest answers fit: a range, five ports, a service search", () => {
    const portbot = testPortbot();
    for (const q of ["1-65535", "6000-6063", "22 80 443 5432 6379", "postgres", "help"]) {
      const r = portbot.reply(q);
      const blocks = replyBlocks(r);
      assertWithinLimits(blocks);
      assert.ok(blocks.length > 0, q);
    }
    for (const r of portbot.repliesForMessage("21 22 23 25 53 80 110 143 443 993 5432")) {
      assertWithinLimits(replyBlocks(r));
    }
  });
});

describe("escaping", () => {
  test("&, <, > are escaped in every kind of span; broadcasts are defused", () => {
    assert.equal(escapeSlack("a & <!channel> > b"), "a &amp; &lt;!channel&gt; &gt; b");
    assert.equal(
      escapeSlack("@here @channel @everyone"),
      "@\u2060here @\u2060channel @\u2060everyone",
    );
    assert.equal(renderSpan({ t: "strong", text: "<@U1>" }), "*&lt;@U1&gt;*");
    assert.equal(renderSpan({ t: "em", text: " x " }), " _x_ ");
    assert.equal(renderSpan({ t: "code", text: "<!here> `rm`" }), "`&lt;!here&gt; ˋrmˋ`");
  });

  test("only link spans with http(s) URLs become links, with escaped labels", () => {
    assert.equal(
      renderSpan({
        t: "link",
        text: "RFC <6335>",
        url: "https://www.rfc-editor.org/rfc/rfc6335?a=1&b=2",
      }),
      "<https://www.rfc-editor.org/rfc/rfc6335?a=1&amp;b=2|RFC &lt;6335&gt;>",
    );
    assert.equal(renderSpan({ t: "link", text: "x", url: "javascript:alert(1)" }), "x");
    assert.equal(renderSpan({ t: "link", text: "x", url: "https://a.example/|<!channel>" }), "x");
    assert.equal(
      renderSpan({ t: "text", text: "<https://evil|click>" }),
      "&lt;https://evil|click&gt;",
    );
  });

  test("headers are escaped and cut without breaking an entity", () => {
    const blocks = replyBlocks(
      reply({
        cards: [
          { title: `${"a".repeat(146)}&<>`, subtitle: null, port: 1, sections: [], more: [] },
        ],
      }),
    );
    const header = blocks[0];
    assert.equal(header?.type, "header");
    if (header?.type === "header") {
      assert.ok(header.text.text.length <= 150);
      assert.doesNotMatch(header.text.text, /&[a-z]*…$/);
    }
  });

  test("fallback text is cut on a character boundary: no emoji split in half", () => {
    for (let shift = 0; shift < 4; shift++) {
      const text = `${"x".repeat(shift)}${"😀".repeat(3000)}`;
      const cut = fallbackText(reply({ text }));
      assert.ok(cut.length <= LIMITS.fallbackText);
      assert.ok(cut.isWellFormed(), `no lone surrogate (shift ${shift})`);
    }
  });

  test("fallback text is escaped", () => {
    assert.equal(
      fallbackText(reply({ text: "<!channel> & @here" })),
      "&lt;!channel&gt; &amp; @\u2060here",
    );
  });
});

describe("a socket listing's table", () => {
  const portbot = testPortbot();
  const hostile = [
    "State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess",
    'LISTEN 0 128 0.0.0.0:6379 0.0.0.0:* users:(("<!channel>&<@U1>",pid=7,fd=3))',
  ].join("\n");

  test("50 sockets: code blocks within a section's 3000 characters, the header on each", async () => {
    const { ssListing } = await import("../../support/listings.ts");
    const reply = portbot.listing(ssListing(50));
    assert.ok(reply);
    const { blocks } = renderMessage(reply);
    assertWithinLimits(blocks);
    const tables = blocks
      .map((b) => (b.type === "section" ? (b.text?.text ?? "") : ""))
      .filter((t) => t.startsWith("```"));
    assert.ok(tables.length >= 2, "split over sections");
    for (const t of tables) {
      assert.ok(t.endsWith("```"));
      assert.match(t, /^```! +local address +proto/);
    }
    const rows = tables.join("\n").match(/0\.0\.0\.0:2\d{4}/g) ?? [];
    assert.equal(rows.length, 50);
  });

  test("what the listing holds is escaped inside the code block", () => {
    const reply = portbot.listing(hostile);
    assert.ok(reply);
    const text = JSON.stringify(renderMessage(reply).blocks);
    assert.doesNotMatch(text, /<!channel>|<@U1>/);
    assert.match(text, /&lt;!channel&gt;&amp;&lt;@U1&gt;/);
  });

  test("a fence in a cell cannot end the table's code block", () => {
    const reply = portbot.listing(hostile);
    assert.ok(reply);
    const table = reply.cards[0]?.sections[0]?.table;
    assert.ok(table);
    const fenced = {
      ...reply,
      cards: [
        {
          ...reply.cards[0],
          sections: [
            {
              ...reply.cards[0]?.sections[0],
              table: { ...table, rows: [["!", "x```y", "tcp", "", "", ""]] },
            },
          ],
        },
      ],
    } as Reply;
    const section = renderMessage(fenced).blocks.find(
      (b) => b.type === "section" && b.text?.text.startsWith("```"),
    );
    assert.equal(section?.type === "section" ? section.text?.text.match(/```/g)?.length : 0, 2);
  });
});

describe("buttons", () => {
  const portbot = testPortbot();
  const actionIds = (blocks: KnownBlock[]) =>
    blocks.flatMap((b) =>
      b.type === "actions" ? b.elements.map((e) => ("action_id" in e ? e.action_id : "")) : [],
    );

  test("a one-port answer's buttons follow its card, before the rating prompt", () => {
    const blocks = replyBlocks(portbot.reply("5432"));
    const at = blocks.findIndex((b) => b.type === "actions");
    assert.ok(at > 0);
    assert.deepEqual(actionIds(blocks), ["portbot.commands", "portbot.uses", "portbot.details"]);
    assert.match(JSON.stringify(blocks.slice(at + 1)), /Was this helpful/);
    assert.doesNotMatch(JSON.stringify(blocks.slice(0, at)), /Was this helpful/);
  });

  test("several cards each keep their buttons, even when their content is cut", () => {
    const more = portbot.reply("8080").cards[0]?.more ?? [];
    const blocks = replyBlocks(
      reply({ cards: [1, 2, 3, 4, 5].map((i) => ({ ...hugeCard(i), more })) }),
    );
    assertWithinLimits(blocks);
    const headers = blocks.filter((b) => b.type === "header").length;
    assert.ok(headers >= 1);
    assert.equal(
      blocks.filter((b) => b.type === "actions").length,
      headers,
      "one row per card shown",
    );
    assert.match(JSON.stringify(blocks), /…/, "the cut is marked");
  });

  test("private replies get Share in channel; the Home tab gets no buttons", () => {
    assert.deepEqual(actionIds(replyBlocks(portbot.help())), ["portbot.share"]);
    assert.deepEqual(actionIds(replyBlocks(portbot.usageHint())), []);
    const home = homeView(portbot.help(), portbot.reply("stats"));
    assert.deepEqual(actionIds(home.blocks as KnownBlock[]), []);
  });
});
