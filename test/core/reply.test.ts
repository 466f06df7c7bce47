import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { createPortbot } from "../../src/core/portbot.ts";
import { createRegistry } from "../../src/core/registry/index.ts";
import { ianaRecord } from "../../src/core/registry/record.ts";
import { spansToPlain } from "../../src/core/reply.ts";
import type { Reply } from "../../src/core/reply-model.ts";
import { knowledge, portbot } from "./fixture.ts";

/** The whole reference answer; compact is the default (its own tests: compact.test.ts). */
const full = { detail: "full" } as const;

const sectionTitles = (r: Reply) => r.cards.flatMap((c) => c.sections.map((s) => s.title));

describe("reply wording", () => {
  test("headline names the range and the assignment", () => {
    assert.equal(
      portbot.reply("60876", full).cards[0]?.title,
      "Port 60876 · dynamic/private · unassigned",
    );
    assert.equal(
      portbot.reply("5432", full).cards[0]?.title,
      "Port 5432 · registered · postgresql",
    );
    assert.equal(portbot.reply("0", full).cards[0]?.title, "Port 0 · well-known · reserved");
    assert.equal(
      portbot.reply("53/udp", full).cards[0]?.title,
      "Port 53/udp · well-known · domain",
    );
  });

  test("a dynamic port covers what a good port page does", () => {
    const r = portbot.reply("60876", full);
    const all = r.text;
    assert.match(all, /IANA never assigns these/);
    assert.match(all, /IANA assigns nothing in 49152–65535/);
    assert.match(all, /Linux/);
    assert.match(all, /Mosh/);
    assert.match(all, /Apple Xsan/);
    assert.match(all, /vendor-documented/);
    assert.match(all, /lsof -nP -iTCP:60876 -sTCP:LISTEN/);
    assert.deepEqual(sectionTitles(r), [
      "Range: Dynamic/private ports, 49152–65535",
      "IANA assignment",
      "Ephemeral port on",
      "Known unofficial uses",
      "Check what is using it",
      "Links",
    ]);
  });

  test("answers are public and ratable; help, errors and misses are private", () => {
    const answer = portbot.reply("22");
    assert.equal(answer.visibility, "public");
    assert.equal(answer.ratable, true);
    assert.match(answer.ratingPrompt ?? "", /😃/);
    for (const q of ["help", "70000", "hello!!", ""]) {
      const r = portbot.reply(q);
      assert.equal(r.visibility, "private", q);
      assert.equal(r.ratable, false, q);
    }
  });

  test("several ports give one card each; a cut list says so", () => {
    const r = portbot.reply("22 80 443 5432 6379 8080 9000");
    assert.equal(r.cards.length, 5);
    assert.deepEqual(r.ports, [22, 80, 443, 5432, 6379]);
    assert.match(spansToPlain(r.notes[0] ?? []), /Showing 5 of 7 ports/);
  });

  test("user text is echoed only inside text spans (adapters escape them), never as links", () => {
    const r = portbot.reply("<https://evil.example|click> nonsense");
    for (const card of r.cards) {
      for (const s of card.sections) {
        for (const line of [...s.body, ...s.items]) {
          for (const span of line) {
            if (span.t === "link") assert.doesNotMatch(span.url, /evil/);
          }
        }
      }
    }
  });

  test("stats are worded from the figures", () => {
    const r = portbot.stats({
      since: null,
      answers: 10,
      overall: { helpful: 3, confusing: 1, notHelpful: 0, votes: 4, helpfulShare: 0.75 },
      byPlatform: [
        {
          platform: "slack",
          answers: 10,
          helpful: 3,
          confusing: 1,
          notHelpful: 0,
          votes: 4,
          helpfulShare: 0.75,
        },
      ],
      byPort: [
        {
          port: 5432,
          asked: 6,
          helpful: 3,
          confusing: 0,
          notHelpful: 0,
          votes: 3,
          helpfulShare: 1,
        },
      ],
      leastHelpful: [],
    });
    assert.equal(r.visibility, "private");
    assert.match(r.text, /10 answers and 4 votes \(all time\)/);
    assert.match(r.text, /75% helpful/);
    assert.match(r.text, /5432 asked 6 times · 100% helpful/);
  });

  test("the whole pipeline never throws, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600, unit: "grapheme" }), (s) => {
        // The facade turns a throw into an "internal" error: that must never happen.
        assert.notEqual(portbot.answer(s).error?.code, "internal");
        const r = portbot.reply(s);
        assert.ok(r.text.length > 0);
        for (const p of r.ports) assert.ok(p >= 0 && p <= 65535);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("visibility from parsing alone", () => {
  test("matches the reply's visibility except for a name that finds nothing", () => {
    for (const q of ["22", "6000-6063", "postgres", "help", "stats", "70000", ""]) {
      assert.equal(portbot.visibilityOf(q), portbot.reply(q).visibility, q);
    }
    assert.equal(portbot.visibilityOf("qqxqzzy"), "public");
    assert.equal(portbot.reply("qqxqzzy").visibility, "private");
  });
});

describe("messages and autocomplete", () => {
  test("one reply per port in free text, capped with a note", () => {
    assert.deepEqual(
      portbot.repliesForMessage("what's on 5432 and 6379?").map((r) => r.ports[0]),
      [5432, 6379],
    );
    const capped = portbot.repliesForMessage("1 2 3 4 5 6 7", { max: 3 });
    assert.equal(capped.length, 3);
    assert.match(spansToPlain(capped[2]?.notes.at(-1) ?? []), /first 3 of 7/);
  });
  test("a service name in free text is looked up; nothing found gives nothing", () => {
    assert.equal(portbot.repliesForMessage("which port does postgres use")[0]?.kind, "search");
    assert.equal(portbot.repliesForMessage("help")[0]?.kind, "help");
    assert.equal(portbot.repliesForMessage("stats")[0]?.kind, "stats");
    assert.deepEqual(portbot.repliesForMessage("good morning everyone"), []);
    // What people write beside a paste is no service name (it found simp-all on 1959).
    assert.deepEqual(portbot.repliesForMessage("what is all this?"), []);
    assert.deepEqual(portbot.repliesForMessage("why are these here?"), []);
    assert.equal(portbot.usageHint().visibility, "private");
  });
  test("suggestions: digits complete to ports, words to services, at most the limit", () => {
    const byDigits = portbot.suggest("543");
    assert.equal(byDigits[0]?.value, "543");
    assert.ok(byDigits.some((s) => s.value === "5432"));
    assert.equal(portbot.suggest("postg")[0]?.value, "5432");
    assert.ok(portbot.suggest("", 25).length <= 25);
    for (const s of portbot.suggest("x".repeat(300))) {
      assert.ok(s.label.length <= 100 && s.value.length <= 100);
    }
  });
});

describe("stats, failures and the rating prompt", () => {
  const figures = {
    since: null,
    answers: 2,
    overall: { helpful: 1, confusing: 0, notHelpful: 1, votes: 2, helpfulShare: 0.5 },
    byPlatform: [],
    byPort: [],
    leastHelpful: [],
  };

  test("a stats question is answered from the figures it is given", () => {
    assert.equal(portbot.asksForStats("stats"), true);
    assert.equal(portbot.asksForStats("5432"), false);
    const r = portbot.reply("stats", { stats: figures });
    assert.match(r.text, /2 answers and 2 votes/);
    assert.deepEqual(portbot.repliesForMessage("stats", { stats: figures })[0]?.text, r.text);
  });

  test("without figures it says they are unavailable, never that nobody has rated", () => {
    const r = portbot.reply("stats");
    assert.equal(r.kind, "stats");
    assert.equal(r.visibility, "private");
    assert.match(r.text, /can't read the ratings right now/);
    assert.doesNotMatch(r.text, /No ratings/);
  });

  test("failure wording names no platform and promises only what is attached", () => {
    for (const code of ["rate-limited", "cannot-post", "internal"] as const) {
      const text = portbot.failure(code).text;
      assert.doesNotMatch(text, /Slack|Discord|\/invite|visible only to you/i, code);
    }
    assert.match(
      portbot.failure("cannot-post", 1).text,
      /here is your answer, visible only to you/,
    );
    assert.match(portbot.failure("cannot-post", 3).text, /your 3 answers/);
  });

  test("no wording names the bot's handle or a platform's markup", () => {
    const all = [portbot.help(), portbot.usageHint()].map((r) => r.text).join("\n");
    assert.doesNotMatch(all, /@portbot|<@|<!/);
  });

  test("the rating prompt and the stats counts come from one list, in one order", () => {
    const prompt = portbot.reply("22").ratingPrompt ?? "";
    assert.ok(
      prompt.indexOf("😃") < prompt.indexOf("🤨") && prompt.indexOf("🤨") < prompt.indexOf("😔"),
    );
    const counts = portbot.reply("stats", { stats: figures }).text;
    assert.match(counts, /😃 1 helpful · 🤨 0 confusing · 😔 1 not helpful/);
  });
});

describe("reply: IANA edge cases in words", () => {
  test("headlines: 2049 nfs, 49151 reserved, 3 reserved, 24 any private mail system", () => {
    assert.equal(portbot.reply("2049", full).cards[0]?.title, "Port 2049 · registered · nfs");
    assert.equal(
      portbot.reply("49151", full).cards[0]?.title,
      "Port 49151 · registered · reserved",
    );
    assert.equal(portbot.reply("3", full).cards[0]?.title, "Port 3 · well-known · reserved");
    assert.equal(
      portbot.reply("24", full).cards[0]?.title,
      "Port 24 · well-known · any private mail system",
    );
  });
  test("3 says what it was; 49151 says reserved, not 'no IANA assignment'", () => {
    assert.equal(
      portbot.reply("3", full).cards[0]?.subtitle,
      "Reserved by IANA. Was compressnet until IANA de-assigned it on 2025-02-13.",
    );
    assert.match(portbot.reply("49151", full).cards[0]?.subtitle ?? "", /^Reserved by IANA/);
    assert.equal(
      portbot.reply("24", full).cards[0]?.subtitle,
      "IANA: any private mail system (tcp/udp).",
    );
  });
  test("a bare de-assignment date is followed by 'no known common use'", () => {
    const deassigned = ianaRecord({
      service: null,
      first: 1301,
      last: 1301,
      protocol: "tcp",
      description: "Reserved",
      status: "reserved",
      notes: "De-assigned on 2019-10-30",
    });
    const bot = createPortbot(createRegistry("iana-csv", [deassigned], "2026-02-25"), knowledge);
    assert.equal(
      bot.reply("1301/tcp", { detail: "full" }).cards[0]?.subtitle,
      "Reserved by IANA. IANA de-assigned it on 2019-10-30. No known common use.",
    );
  });
  test("IANA's raw notes become sentences", () => {
    const text = portbot.reply("2049", full).text;
    assert.doesNotMatch(text, /<==/);
    assert.match(
      text,
      /IANA flags a conflict on port 2049: more than one service was registered on it\./,
    );
  });
});

describe("reply: ephemeral wording", () => {
  const ephemeralBody = (q: string) =>
    spansToPlain(
      portbot.reply(q, full).cards[0]?.sections.find((s) => s.title === "Ephemeral port on")
        ?.body[0] ?? [],
    );
  test("only a current widespread default makes a temporary client port 'most likely'", () => {
    assert.match(ephemeralBody("60876"), /most likely explanation/);
    assert.match(ephemeralBody("49151"), /most likely explanation/);
  });
  test("OpenBSD's low range alone does not make 5432 or 3306 'most likely ephemeral'", () => {
    for (const q of ["5432", "3306"]) {
      const body = ephemeralBody(q);
      assert.doesNotMatch(body, /most likely/, q);
      assert.match(body, /OpenBSD/, q);
      assert.match(body, /today's Linux, Windows and macOS do not/, q);
    }
  });
});

describe("reply: privileged ports", () => {
  test("says who may listen below 1024 per system, with a source, not 'only root'", () => {
    const range = portbot.reply("22", full).cards[0]?.sections[0];
    assert.ok(range);
    const all = [...range.body, ...range.items].map(spansToPlain).join("\n");
    assert.doesNotMatch(all, /only root \(or a process with CAP_NET_BIND_SERVICE\) may listen/);
    assert.match(all, /ip_unprivileged_port_start/);
    assert.ok(range.items[0]?.some((s) => s.t === "link"));
    assert.deepEqual(portbot.reply("8080", full).cards[0]?.sections[0]?.items, []);
  });
});

describe("reply: checks and exposure", () => {
  test("every check's note is in its label, so every renderer shows it", () => {
    const answer = portbot.answer("53");
    const commands = portbot
      .reply("53", full)
      .cards[0]?.sections.find((s) => s.title === "Check what is using it")?.commands;
    assert.ok(commands && commands.length === answer.ports[0]?.checks.length);
    answer.ports[0]?.checks.forEach((c, i) => {
      assert.ok(commands[i]?.label.includes(c.note.replace(/\.$/, "")), commands[i]?.label);
    });
    assert.match(
      portbot.reply("53", full).text,
      /From another machine \(tcp\) — As the network sees it/,
    );
    assert.match(portbot.reply("53", full).text, /nmap -p 53 <host>/);
  });
  test("exposure notes get their own section where they exist", () => {
    const section = portbot
      .reply("6379", full)
      .cards[0]?.sections.find((s) => s.title === "If exposed");
    assert.ok(section);
    assert.match(spansToPlain(section.items[0] ?? []), /^Redis: Anyone who reaches the port/);
    assert.ok(
      section.items[0]?.some((s) => s.t === "link" && s.url === "https://redis.io/topics/security"),
    );
    assert.equal(
      portbot.reply("5432", full).cards[0]?.sections.some((s) => s.title === "If exposed"),
      false,
    );
  });
});
