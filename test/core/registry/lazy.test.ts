import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createRegistry } from "../../../src/core/registry/index.ts";
import {
  defaultRecords,
  entriesInText,
  lazyDefaultRegistry,
  portNumbersPath,
} from "../../../src/core/registry/port-numbers.ts";

/** Every 37th port and the edges and ports people ask about (each text lookup scans the text). */
const SAMPLE = [
  ...Array.from({ length: 1772 }, (_, i) => i * 37),
  ...[0, 1, 20, 21, 22, 53, 80, 443, 1023, 1024, 5432, 6000, 6063, 6379, 49151, 49152, 65535],
];

test("the lazy default registry answers ports exactly as the fully built one", () => {
  // Lookups from the package's text (no switch to the index), then from the index.
  const lazy = lazyDefaultRegistry({ textLookups: Number.POSITIVE_INFINITY });
  const { records } = defaultRecords();
  const full = createRegistry("port-numbers", records, null);
  for (const port of SAMPLE) {
    assert.deepEqual(lazy.recordsFor(port), full.recordsFor(port), `port ${port}`);
  }
  assert.deepEqual(lazy.records, full.records);
  // After `records` is built the lazy registry switches to the index; answers stay the same.
  for (let port = 0; port <= 65535; port++) {
    assert.deepEqual(lazy.recordsFor(port), full.recordsFor(port), `port ${port}`);
  }
  assert.deepEqual(lazy.recordsFor(-1), []);
  assert.deepEqual(lazy.recordsFor(65536), []);
});

test("after a few lookups the lazy registry parses the package once, with the same answers", () => {
  const lazy = lazyDefaultRegistry({ textLookups: 3 });
  const full = createRegistry("port-numbers", defaultRecords().records, null);
  for (const port of [22, 80, 443, 5432, 6010, 60876]) {
    assert.deepEqual(lazy.recordsFor(port), full.recordsFor(port), `port ${port}`);
  }
});

test("a port's entries are read from the text as JSON.parse reads them", () => {
  const bytes = readFileSync(portNumbersPath());
  const data = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
  for (const port of [0, 20, 80, 5432, 65535]) {
    const expected = ["tcp", "udp", "sctp", "dccp"]
      .filter((p) => `${port}/${p}` in data)
      .map((p) => [p, data[`${port}/${p}`]]);
    assert.deepEqual([...entriesInText(bytes, port)], expected, String(port));
  }
  const tricky = Buffer.from(
    '{"1/tcp": ["a", "x [y] \\" ]"], "11/tcp": ["b", "c"], "1/udp": ["é]", ""]}',
  );
  assert.deepEqual(
    [...entriesInText(tricky, 1)],
    [
      ["tcp", ["a", 'x [y] " ]']],
      ["udp", ["é]", ""]],
    ],
  );
  assert.deepEqual([...entriesInText(tricky, 11)], [["tcp", ["b", "c"]]]);
  assert.equal(entriesInText(tricky, 111).size, 0);
  assert.throws(() => entriesInText(Buffer.from('{"1/tcp": ["a'), 1), /cut off/);
});
