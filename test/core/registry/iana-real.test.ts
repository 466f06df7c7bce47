// The whole real registry, when IANA_CSV names a copy (.ci/run sets it when ../shared/data has one).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { createPortbot } from "../../../src/core/portbot.ts";
import { readIanaCsv } from "../../../src/core/registry/csv.ts";
import { createRegistry } from "../../../src/core/registry/index.ts";
import { lazyDefaultRegistry } from "../../../src/core/registry/port-numbers.ts";
import type { Reply } from "../../../src/core/reply-model.ts";
import type { IanaRecord } from "../../../src/core/types.ts";

/** The edge cases are worded in the full answer (the compact one has no room for IANA's notes). */
const FULL = { detail: "full" } as const;

const path = process.env.IANA_CSV?.trim();

test("the real IANA CSV keeps every row worth keeping", (t) => {
  if (path === undefined || path === "") {
    t.skip("IANA_CSV not set: the real-registry invariants were not checked");
    return;
  }
  const text = readFileSync(path, "utf8");
  const { records, report, updated } = readIanaCsv(text);

  // Every data row is accounted for: kept + skipped = rows in the file.
  const skipped = Object.values(report.skipped).reduce((a, b) => a + b, 0);
  assert.equal(report.totalRows, report.kept + skipped);
  assert.equal(report.kept, records.length);
  assert.ok(report.totalRows >= 14000, `only ${report.totalRows} rows`);
  // Only service-name-only rows are dropped from a genuine file.
  assert.equal(skipped, report.skipped["service-name-only"]);
  assert.match(updated ?? "", /^\d{4}-\d{2}-\d{2}$/);

  const reg = createRegistry("iana-csv", records, updated);
  // Every port of the system and user ranges is covered by some row (Unassigned rows included).
  const uncovered: number[] = [];
  for (let p = 0; p <= 49151; p++) if (reg.recordsFor(p).length === 0) uncovered.push(p);
  assert.deepEqual(uncovered.slice(0, 10), []);
  // IANA lists nothing in the dynamic range.
  assert.ok(records.every((r) => r.last <= 49151));
  assert.deepEqual(reg.recordsFor(49152), []);

  // Range rows kept whole.
  const x11 = reg.recordsFor(6032).find((r) => r.service === "x11" && r.protocol === "tcp");
  assert.equal(x11?.first, 6000);
  assert.equal(x11?.last, 6063);
  assert.ok(records.filter((r) => r.first < r.last).length >= 700);
  // Aliases kept.
  const names42 = reg
    .recordsFor(42)
    .filter((r) => r.protocol === "tcp")
    .map((r) => r.service);
  assert.ok(names42.includes("name") && names42.includes("nameserver"), String(names42));
  // Unassigned and Reserved rows kept, blank protocols kept as null, metadata kept.
  assert.ok(records.some((r) => r.status === "unassigned"));
  assert.ok(records.some((r) => r.status === "reserved"));
  assert.ok(records.some((r) => r.protocol === null));
  assert.ok(reg.recordsFor(22).some((r) => r.service === "ssh" && r.reference !== null));
  assert.ok(records.some((r) => r.description.includes("\n")));
});

/** Every span text of a reply, for checks that no raw registry text leaks through. */
function spanTexts(reply: Reply): string[] {
  return [
    ...reply.cards.flatMap((c) => [c.title, c.subtitle ?? ""]),
    ...reply.cards.flatMap((c) =>
      c.sections.flatMap((s) => [
        s.title,
        ...[...s.body, ...s.items].flatMap((line) => line.map((span) => span.text)),
        ...s.commands.flatMap((cmd) => [cmd.label, cmd.command]),
      ]),
    ),
  ];
}

test("every blank-service, blank-protocol, multi-name and conflict row of IANA's CSV is said sensibly", (t) => {
  if (path === undefined || path === "") {
    t.skip("IANA_CSV not set: the real registry's edge cases were not checked");
    return;
  }
  const { records, updated } = readIanaCsv(readFileSync(path, "utf8"));
  const knowledge = loadKnowledge();
  const bots = {
    "iana-csv": createPortbot(createRegistry("iana-csv", records, updated), knowledge),
    // The default data (port-numbers + data/iana-ranges.json) must say the same things.
    "port-numbers": createPortbot(lazyDefaultRegistry(), knowledge),
  };
  const key = (r: IanaRecord) => `${r.first}/${r.protocol}`;
  const names = new Map<string, number>();
  for (const r of records) if (r.service !== null) names.set(key(r), (names.get(key(r)) ?? 0) + 1);
  const edge = records.filter(
    (r) =>
      r.service === null ||
      r.protocol === null ||
      (names.get(key(r)) ?? 0) > 1 ||
      (r.notes !== null && /conflict/i.test(r.notes)),
  );
  const ports = [...new Set(edge.map((r) => r.first))].sort((a, b) => a - b);
  assert.ok(ports.length > 1500, `only ${ports.length} edge ports`);
  const csvRegistry = createRegistry("iana-csv", records, updated);
  const problems: string[] = [];
  for (const [source, bot] of Object.entries(bots)) {
    for (const port of ports) {
      const facts = bot.answer(String(port)).ports[0];
      const reply = bot.reply(String(port), { detail: "full" });
      const title = reply.cards[0]?.title ?? "";
      const headline = title.split(" · ").at(-1) ?? "";
      const rows = csvRegistry.recordsFor(port);
      const at = `${source} ${port}`;
      if (facts === undefined) {
        problems.push(`${at}: no answer`);
        continue;
      }
      if (headline === "") problems.push(`${at}: empty headline`);
      const assignedNames = rows.filter((r) => r.status === "assigned" && r.service !== null);
      // The package may be a registry version apart: judge names only against the CSV itself.
      if (source === "iana-csv" && assignedNames.length > 0) {
        if (!assignedNames.some((r) => r.service === headline)) {
          problems.push(
            `${at}: headline "${headline}" is none of ${assignedNames.map((r) => r.service)}`,
          );
        }
      }
      for (const a of facts.iana) {
        const own = rows.filter((r) => r.protocol === a.protocol || r.protocol === null);
        if (
          own.some((r) => r.status === "assigned") &&
          a.status !== "assigned" &&
          source === "iana-csv"
        ) {
          problems.push(`${at}/${a.protocol}: assigned in IANA, said ${a.status}`);
        }
        if (
          source === "iana-csv" &&
          own.length > 0 &&
          own.every((r) => r.status === "reserved") &&
          a.status !== "reserved"
        ) {
          problems.push(`${at}/${a.protocol}: reserved in IANA, said ${a.status}`);
        }
        if (/[\r\n]/.test(a.description))
          problems.push(`${at}/${a.protocol}: line break in description`);
      }
      if (facts.iana.some((a) => a.status === "reserved") && !/reserved/i.test(reply.text)) {
        problems.push(`${at}: reserved but the reply never says so`);
      }
      for (const text of spanTexts(reply)) {
        if (text.includes("<==")) problems.push(`${at}: raw IANA note "${text}"`);
        if (/[\r\n]/.test(text)) problems.push(`${at}: line break in "${text.slice(0, 40)}"`);
      }
    }
  }
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
});

test("the real registry's named edge cases: 2049, 49151, 3 and 24", (t) => {
  if (path === undefined || path === "") {
    t.skip("IANA_CSV not set");
    return;
  }
  const { records, updated } = readIanaCsv(readFileSync(path, "utf8"));
  const knowledge = loadKnowledge();
  for (const bot of [
    createPortbot(createRegistry("iana-csv", records, updated), knowledge),
    createPortbot(lazyDefaultRegistry(), knowledge),
  ]) {
    assert.equal(bot.reply("2049", FULL).cards[0]?.title, "Port 2049 · registered · nfs");
    assert.match(bot.reply("2049").cards[0]?.title ?? "", /· nfs\b/, "the compact headline too");
    assert.match(bot.reply("2049", FULL).text, /conflict on port 2049/);
    assert.equal(bot.reply("49151", FULL).cards[0]?.title, "Port 49151 · registered · reserved");
    assert.match(
      bot.reply("3", FULL).cards[0]?.subtitle ?? "",
      /compressnet until IANA de-assigned it on 2025-02-13/,
    );
    assert.equal(
      bot.reply("24", FULL).cards[0]?.title,
      "Port 24 · well-known · any private mail system",
    );
  }
});
