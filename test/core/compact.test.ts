import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { PortFacts, UnofficialUseFact } from "../../src/core/answer-model.ts";
import { answerWithSummaries, compactSummary, TOP_USES } from "../../src/core/compact.ts";
import { rankUses } from "../../src/core/rank.ts";
import { spansToPlain } from "../../src/core/reply.ts";
import type { Reply } from "../../src/core/reply-model.ts";
import { testPortbot } from "../support/portbot.ts";

const bot = testPortbot();
const facts = (q: string): PortFacts => {
  const p = bot.answer(q).ports[0];
  assert.ok(p, q);
  return p;
};
const title = (q: string) => bot.reply(q).cards[0]?.title;
const items = (r: Reply) => r.cards[0]?.sections.flatMap((s) => s.items.map(spansToPlain)) ?? [];
const bodies = (r: Reply) => r.cards[0]?.sections.flatMap((s) => s.body.map(spansToPlain)) ?? [];
const commands = (r: Reply) => r.cards[0]?.sections.flatMap((s) => s.commands) ?? [];

describe("compact answer: the headline names the most likely thing", () => {
  test("the issue's examples: a stale registration, a client port, a household name", () => {
    assert.equal(
      title("3000"),
      "Port 3000 · tcp · registered · usually a development server or tool; IANA: hbci",
    );
    assert.equal(
      title("60876"),
      "Port 60876 · tcp/udp · dynamic/private · most likely a temporary client port",
    );
    assert.equal(title("5432"), "Port 5432 · tcp · registered · PostgreSQL");
  });

  test("IANA is named beside a product only when it calls the port something else", () => {
    assert.equal(
      title("3389"),
      "Port 3389 · tcp/udp · registered · Remote Desktop (RDP); IANA: ms-wbt-server",
    );
    assert.equal(title("27017"), "Port 27017 · tcp · registered · MongoDB");
  });

  test("a well-known port is its IANA service; a registration alone is said as one", () => {
    assert.equal(
      title("22"),
      "Port 22 · tcp/udp · well-known · ssh: The Secure Shell (SSH) Protocol",
    );
    assert.match(title("40000") ?? "", /^Port 40000 · tcp\/udp · registered · safetynetp$/);
    assert.match(bot.reply("40000").cards[0]?.subtitle ?? "", /a registration is a claim/);
  });

  test("a product documented on exactly a dynamic port beats the client-port reading", () => {
    assert.equal(title("51820"), "Port 51820 · udp · dynamic/private · WireGuard");
    assert.match(
      bot.reply("51820").cards[0]?.subtitle ?? "",
      /more likely a temporary client port/,
    );
  });

  test("reserved ports and port 0 say so", () => {
    assert.equal(title("0"), "Port 0 · well-known · reserved: ask for it to get any free port");
    assert.equal(title("3"), "Port 3 · well-known · reserved by IANA; was compressnet");
  });

  test("an obscure product does not outrank a registration or a client port", () => {
    const base = facts("40000");
    const obscure: UnofficialUseFact = {
      ...(facts("5432").unofficial[0] as UnofficialUseFact),
      name: "Old Trojan",
      first: 40000,
      last: 40000,
      prominence: 1,
      category: "malware",
      rank: 1,
    };
    const registered = compactSummary({ ...base, unofficial: [obscure] });
    assert.equal(registered.likely, "iana");
    const dynamic = facts("60876");
    const client = compactSummary({
      ...dynamic,
      unofficial: [{ ...obscure, first: 60876, last: 60876 }],
    });
    assert.equal(client.likely, "ephemeral");
    // With nothing else to go on, it is still named.
    const unassigned = compactSummary({
      ...base,
      iana: base.iana.map((a) => ({ ...a, status: "unassigned" as const, service: null })),
      ephemeral: [],
      unofficial: [obscure],
    });
    assert.equal(unassigned.likely, "use");
    assert.match(unassigned.headline, /Old Trojan$/);
  });
});

describe("compact answer: top uses, ranked, and +N more", () => {
  test("at most three, in rank order (not file order), with the rest counted", () => {
    const p = facts("8080");
    assert.ok(p.unofficial.length > TOP_USES);
    const ranked = rankUses(8080, bot.knowledge.unofficial).map((u) => u.name);
    const shown = items(bot.reply("8080")).map((line) => line.split(" · ")[0]);
    assert.deepEqual(shown, ranked.slice(0, TOP_USES));
    assert.ok(bodies(bot.reply("8080")).includes(`+${p.unofficial.length - TOP_USES} more`));
  });
  test("an exact port before a range, with the range and the confidence shown", () => {
    const shown = items(bot.reply("27017"));
    assert.equal(shown[0], "MongoDB · tcp · vendor-documented");
    assert.match(shown[1] ?? "", /^Steam client · tcp\/udp 27015–27050 · vendor-documented$/);
    const hidden = facts("27017").unofficial.length - TOP_USES;
    const expected = hidden > 0 ? [`+${hidden} more`] : [];
    assert.deepEqual(bodies(bot.reply("27017")), expected, "+N more only for what is not shown");
  });
});

describe("compact answer: two checks, for the protocol that matters", () => {
  const cmds = (q: string) => commands(bot.reply(q)).map((c) => c.command);
  test("a TCP service: the listener check for macOS / Linux and Windows, each with its note", () => {
    assert.deepEqual(cmds("5432"), [
      "lsof -nP -iTCP:5432 -sTCP:LISTEN",
      'netstat -ano | findstr /R /C:":5432 "',
    ]);
    const labels = commands(bot.reply("5432")).map((c) => c.label);
    assert.deepEqual(labels, [
      "macOS / Linux — listeners, with PID",
      "Windows — exactly 5432, PID last",
    ]);
  });
  test("a UDP service, or a UDP question, gets the UDP checks", () => {
    assert.deepEqual(cmds("5353"), [
      "lsof -nP -iUDP:5353",
      'netstat -ano -p UDP | findstr /R /C:":5353 "',
    ]);
    assert.deepEqual(cmds("53/udp"), [
      "lsof -nP -iUDP:53",
      'netstat -ano -p UDP | findstr /R /C:":53 "',
    ]);
    // 443's curated use is QUIC (UDP), but HTTPS itself is TCP.
    assert.equal(cmds("443")[0], "lsof -nP -iTCP:443 -sTCP:LISTEN");
  });
  test("a temporary client port gets a check that shows connections, not only listeners", () => {
    assert.deepEqual(cmds("60876"), [
      "lsof -nP -iTCP:60876",
      'netstat -ano | findstr /R /C:":60876 "',
    ]);
  });
});

describe("compact is the default; the full answer stays one option away", () => {
  test("reply and repliesForMessage are compact unless asked for full", () => {
    const compact = bot.reply("5432");
    assert.ok(compact.cards[0]?.sections.every((s) => s.title === ""));
    const full = bot.reply("5432", { detail: "full" });
    assert.ok(full.cards[0]?.sections.some((s) => s.title === "IANA assignment"));
    assert.ok(full.text.length > 2 * compact.text.length);
    const [message] = bot.repliesForMessage("what is on 5432?");
    assert.equal(message?.text, compact.text);
    const [fullMessage] = bot.repliesForMessage("what is on 5432?", { detail: "full" });
    assert.equal(fullMessage?.text, full.text);
  });
  test("the full answer lists every use, the compact one the top three", () => {
    const full = bot.reply("8080", { detail: "full" });
    const uses = full.cards[0]?.sections.find((s) => s.title === "Known unofficial uses");
    assert.equal(uses?.items.length, facts("8080").unofficial.length);
  });
  test("a name search gives the best match's compact card and the other matches on one line", () => {
    const grafana = bot.reply("grafana");
    assert.equal(grafana.cards[0]?.title, "Port 3000 · tcp · registered · Grafana; IANA: hbci");
    assert.match(grafana.cards[0]?.subtitle ?? "", /^Grafana listens here by default, but so may/);
    const others = bodies(grafana).find((b) => b.startsWith("Other matches: "));
    assert.match(others ?? "", /^Other matches: \d+ Grafana \w+ · \d+ Grafana \w+ · \+\d+ more$/);
    const r = bot.reply("postgres");
    assert.equal(r.cards.length, 1);
    assert.equal(r.cards[0]?.title, "Port 5432 · tcp · registered · PostgreSQL");
    const also = bodies(r).find((b) => b.startsWith("Other matches: "));
    assert.ok(also, bodies(r).join("\n"));
    assert.doesNotMatch(also, /\b5432\b/, "the best match is not repeated");
    assert.equal(bot.reply("postgres", { detail: "full" }).cards.length, 2);
  });
  test("ranges keep their summary whatever the detail", () => {
    assert.equal(bot.reply("6000-6063").text, bot.reply("6000-6063", { detail: "full" }).text);
  });
});

describe("--json: complete, with the ranking and the compact summary", () => {
  test("every use, every check, and each port's summary", () => {
    const json = answerWithSummaries(bot.answer("8080"));
    const [p] = json.ports;
    assert.ok(p);
    assert.equal(p.unofficial.length, facts("8080").unofficial.length);
    assert.deepEqual(
      p.unofficial.map((u) => u.rank),
      p.unofficial.map((_, i) => i + 1),
    );
    assert.equal(p.checks.length, facts("8080").checks.length);
    assert.equal(p.summary.headline, title("8080"));
    assert.equal(p.summary.topUses.length, TOP_USES);
    assert.equal(p.summary.moreUses, p.unofficial.length - TOP_USES);
    assert.deepEqual(
      p.summary.checks.map((c) => c.platform),
      ["macOS / Linux", "Windows"],
    );
  });
});
