// The compact answer's size limits, on every surface, for every port there is: one port within
// 12 rows of an 80-column terminal (rating prompt included) and 1,200 visible characters in a
// Slack message and a Discord embed; three ports within 36 rows; a sample of names likewise.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { renderReply } from "../../src/adapters/discord/embeds.ts";
import { renderText } from "../../src/adapters/shell/render-text.ts";
import { replyBlocks } from "../../src/adapters/slack/blocks.ts";
import type { Reply } from "../../src/core/reply-model.ts";
import { ratingPrompt } from "../../src/core/wording.ts";
import { testPortbot } from "../support/portbot.ts";
import { discordVisibleChars, slackVisibleChars, terminalRows } from "../support/visible.ts";

const bot = testPortbot();
const LIMIT = { rows: 12, threeRows: 36, chars: 1200 } as const;

/** As the shell shows it: wrapped at 80 columns, with the typed rating prompt under it. */
const shellRows = (r: Reply) =>
  terminalRows(
    renderText(
      { ...r, ratingPrompt: r.ratable ? ratingPrompt("type") : null },
      { color: false, width: 80 },
    ),
  );

function discordChars(r: Reply): number {
  const messages = renderReply(r);
  assert.equal(messages.length, 1, "one message");
  assert.equal(messages[0]?.length, 1, "one embed");
  return discordVisibleChars(messages[0]?.[0] ?? {});
}

interface Size {
  rows: number;
  slack: number;
  discord: number;
}

const sizeOf = (r: Reply): Size => ({
  rows: shellRows(r),
  slack: slackVisibleChars(replyBlocks(r)),
  discord: discordChars(r),
});

function assertWithin(what: string, size: Size): void {
  // The message is built only on failure: this runs 65,536 times.
  if (size.rows <= LIMIT.rows && size.slack <= LIMIT.chars && size.discord <= LIMIT.chars) return;
  assert.fail(`${what}: ${size.rows} rows, ${size.slack} in Slack, ${size.discord} in Discord`);
}

describe("compact answer size", () => {
  // Computed once: every port's size, so the three-port bound can use the largest.
  const sizes: Size[] = [];

  test("every one of the 65,536 ports fits: 12 rows at 80 columns, 1,200 characters in Slack and Discord", () => {
    for (let port = 0; port <= 65535; port++) {
      const size = sizeOf(bot.reply(String(port)));
      assertWithin(String(port), size);
      sizes.push(size);
    }
  });

  test("three ports fit in 36 rows, the three largest answers included", () => {
    assert.equal(sizes.length, 65536, "runs after the per-port test");
    const largest = sizes
      .map((s, port) => ({ port, rows: s.rows }))
      .sort((a, b) => b.rows - a.rows)
      .slice(0, 3)
      .map((x) => x.port);
    const asks = [largest.join(" "), "22 80 443", "3000 8080 5000"];
    for (const q of asks) {
      const rows = shellRows(bot.reply(q));
      assert.ok(rows <= LIMIT.threeRows, `${q}: ${rows} rows`);
    }
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 65535 }), { minLength: 3, maxLength: 3 }),
        (ports) => {
          const rows = shellRows(bot.reply(ports.join(" ")));
          assert.ok(rows <= LIMIT.threeRows, `${ports.join(" ")}: ${rows} rows`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a name's answer fits too: the services people ask for and a sample of every name", () => {
    const asked = [
      "postgres",
      "postgress",
      "mysql",
      "redis",
      "mongo",
      "minecraft",
      "remote desktop",
      "http",
      "dns",
      "ssh",
      "kafka",
      "grafana",
      "jenkins",
      "vite",
      "wireguard",
      "elasticsearch",
    ];
    for (const q of asked) {
      const r = bot.reply(q);
      assert.equal(r.kind, "search", q);
      assertWithin(q, sizeOf(r));
    }
    const names = [
      ...new Set([
        ...bot.knowledge.unofficial.map((u) => u.name),
        ...bot.knowledge.unofficial.flatMap((u) => u.aliases),
      ]),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...names), (name) => {
        const r = bot.reply(name);
        if (r.kind === "search") assertWithin(name, sizeOf(r));
      }),
      { numRuns: 150 },
    );
  });
});
