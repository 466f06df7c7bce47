import assert from "node:assert/strict";
import { test } from "node:test";
import { createRegistry } from "../../../src/core/registry/index.ts";
import { defaultRecords, lazyDefaultRegistry } from "../../../src/core/registry/port-numbers.ts";

test("the lazy default registry answers every port exactly as the fully built one", () => {
  const lazy = lazyDefaultRegistry();
  const { records } = defaultRecords();
  const full = createRegistry("port-numbers", records, null);
  for (let port = 0; port <= 65535; port++) {
    assert.deepEqual(lazy.recordsFor(port), full.recordsFor(port), `port ${port}`);
  }
  assert.deepEqual(lazy.records, full.records);
  // After `records` is built the lazy registry switches to the index; answers stay the same.
  assert.deepEqual(lazy.recordsFor(6010), full.recordsFor(6010));
  assert.deepEqual(lazy.recordsFor(-1), []);
  assert.deepEqual(lazy.recordsFor(65536), []);
});
