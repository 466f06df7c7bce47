// The rest of an answer, one click away: the buttons a one-port card carries (Card.more), the
// detail reply each shows (Portbot.detail), and what "Share in channel" posts (Portbot.shared).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Reply } from "../../src/core/reply-model.ts";
import type { FeedbackStats } from "../../src/core/stats-model.ts";
import { testPortbot } from "../support/portbot.ts";

const portbot = testPortbot();
const flat = (r: Reply) => r.text.replace(/\s+/g, " ");

const STATS: FeedbackStats = {
  since: null,
  answers: 7,
  overall: { votes: 3, helpful: 2, confusing: 1, notHelpful: 0, helpfulShare: 2 / 3 },
  byPlatform: [],
  byPort: [],
  leastHelpful: [],
};

describe("buttons under an answer (Card.more)", () => {
  test("every one-port card offers Commands, All uses (N) and Details", () => {
    const uses = portbot.answer("8080").ports[0]?.unofficial.length ?? 0;
    assert.ok(uses > 8);
    for (const r of [
      portbot.reply("8080"),
      portbot.reply("3000 8080"),
      portbot.reply("postgres"),
    ]) {
      const cards = r.cards.filter((c) => c.port !== null);
      assert.ok(cards.length > 0);
      for (const card of cards) {
        assert.deepEqual(
          card.more.map((m) => m.section),
          ["commands", "uses", "details"],
        );
      }
    }
    const more = portbot.reply("8080").cards[0]?.more ?? [];
    assert.deepEqual(
      more.map((m) => m.label),
      ["Commands", `All uses (${uses})`, "Details"],
    );
    assert.equal(more[1]?.labelWithPort, `8080 · All uses (${uses})`);
  });

  test("no All uses button on a port without known uses", () => {
    assert.equal(portbot.answer("1").ports[0]?.unofficial.length, 0);
    const more = portbot.reply("1").cards[0]?.more ?? [];
    assert.deepEqual(
      more.map((m) => m.section),
      ["commands", "details"],
    );
  });

  test("cards not about one port have no buttons", () => {
    // The full answer to a name leads with the list of matches (the compact one, with the port).
    const search = portbot.reply("postgres", { detail: "full" });
    assert.deepEqual(search.cards[0]?.more, [], "the list of matches");
    for (const q of ["6000-6063", "help", "stats", "70000"]) {
      for (const card of portbot.reply(q).cards) assert.deepEqual(card.more, [], q);
    }
  });
});

describe("detail replies (Portbot.detail)", () => {
  test("Commands: every check on every platform, TCP and UDP, with the note that tells them apart", () => {
    const facts = portbot.answer("5432").ports[0];
    const r = portbot.detail(5432, "commands");
    assert.equal(r.visibility, "private");
    assert.equal(r.ratable, false);
    assert.equal(r.ratingPrompt, null);
    const commands = r.cards[0]?.sections.flatMap((s) => s.commands) ?? [];
    assert.equal(commands.length, facts?.checks.length);
    for (const check of facts?.checks ?? []) {
      const shown = commands.find((c) => c.command === check.command);
      assert.ok(shown, check.command);
      assert.ok(shown.label.includes(`(${check.protocol})`));
      assert.ok(shown.label.includes(check.note.replace(/\.$/, "")), shown.label);
    }
    assert.ok(commands.some((c) => c.label.includes("(udp)")));
    assert.match(r.cards[0]?.title ?? "", /^Port 5432 .* · Commands to check it$/);
  });

  test("All uses: every use (past the full answer's eight), with confidence and source", () => {
    const facts = portbot.answer("8080").ports[0];
    const r = portbot.detail(8080, "uses");
    const items = r.cards[0]?.sections[0]?.items ?? [];
    assert.equal(items.length, facts?.unofficial.length);
    assert.ok(items.length > 8);
    for (const [i, use] of (facts?.unofficial ?? []).entries()) {
      const line = items[i] ?? [];
      assert.ok(
        line.some((s) => s.t === "strong" && s.text === use.name),
        "in rank order",
      );
      assert.ok(
        line.some((s) => s.t === "link" && s.url === use.source),
        "with its source",
      );
      assert.ok(
        line.some((s) => s.t === "em"),
        "with its confidence",
      );
    }
  });

  test("Details: the IANA record, the range, every system's ephemeral range with its setting, links", () => {
    const r = portbot.detail(5432, "details");
    const text = flat(r);
    assert.match(text, /IANA assignment: - tcp, udp · postgresql — PostgreSQL Database/);
    assert.match(text, /User \(registered\) ports/);
    assert.match(text, /Linux 32768–60999 · sysctl net\.ipv4\.ip_local_port_range/);
    assert.match(text, /Windows 49152–65535 · netsh/);
    assert.match(text, /OpenBSD 1024–49151 \(includes 5432\)/);
    assert.doesNotMatch(text, /Linux 32768–60999 \(includes/);
    assert.match(text, /IANA registry entry for 5432/);
  });

  test("a detail offers the other sections and Share in channel", () => {
    const r = portbot.detail(5432, "uses");
    assert.deepEqual(
      r.cards[0]?.more.map((m) => m.section),
      ["commands", "details"],
    );
    assert.deepEqual(r.share?.source, { kind: "detail", port: 5432, section: "uses" });
    assert.equal(r.share?.label, "Share in channel");
  });

  test("an impossible port or section is the invalid-button reply, never a throw", () => {
    for (const [port, section] of [
      [70000, "uses"],
      [-1, "commands"],
      [1.5, "details"],
      [Number.NaN, "details"],
      [22, "bogus"],
    ] as const) {
      const r = portbot.detail(port, section as "uses");
      assert.equal(r.kind, "error");
      assert.equal(r.visibility, "private");
      assert.equal(r.share, null);
      assert.match(flat(r), /That button is no longer valid/);
    }
  });
});

describe("Share in channel (Reply.share, Portbot.shared)", () => {
  test("help, stats and errors about what was asked can be shared; failures and the hint cannot", () => {
    assert.deepEqual(portbot.help().share?.source, { kind: "query", query: "help" });
    assert.deepEqual(portbot.reply("stats", { stats: STATS }).share?.source, {
      kind: "query",
      query: "stats",
    });
    assert.deepEqual(portbot.reply("70000").share?.source, { kind: "query", query: "70000" });
    assert.equal(portbot.reply("5432").share, null, "public answers need no share button");
    assert.equal(portbot.usageHint().share, null);
    assert.equal(portbot.failure("rate-limited").share, null);
    assert.equal(portbot.reply("stats").share, null, "no figures: nothing worth sharing");
  });

  test("a shared reply is public, unrated and has no share button of its own", () => {
    for (const r of [
      portbot.shared({ kind: "query", query: "help" }),
      portbot.shared({ kind: "query", query: "70000" }),
      portbot.shared({ kind: "detail", port: 5432, section: "commands" }),
    ]) {
      assert.equal(r.visibility, "public");
      assert.equal(r.ratable, false);
      assert.equal(r.ratingPrompt, null);
      assert.equal(r.share, null);
      assert.doesNotMatch(r.text, /Was this helpful/);
    }
    const stats = portbot.shared({ kind: "query", query: "stats" }, { stats: STATS });
    assert.match(flat(stats), /7 answers and 3 votes/);
  });

  test("what was never offered for sharing stays private", () => {
    const empty = portbot.shared({ kind: "query", query: " " });
    assert.equal(empty.visibility, "private");
    const forged = portbot.shared({ kind: "detail", port: 99999, section: "uses" });
    assert.equal(forged.visibility, "private");
    assert.match(flat(forged), /no longer valid/);
  });
});
