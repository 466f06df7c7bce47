// The whole real registry, when IANA_CSV names a copy (.ci/run sets it when ../shared/data has one).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { readIanaCsv } from "../../../src/core/registry/csv.ts";
import { createRegistry } from "../../../src/core/registry/index.ts";

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
