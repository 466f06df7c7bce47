// Giving a burst's memory back (src/ops/memory.ts): when the bot is quiet and its heap has grown,
// one memory-reducing collection; never while busy, never for a heap that did not grow. The RSS
// figures are in `npm run bench -- production`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { getHeapStatistics } from "node:v8";
import {
  exposeGc,
  type Gc,
  RELEASE_POLICY,
  shouldRelease,
  startMemoryReleaser,
} from "../../src/ops/memory.ts";
import { testLogger } from "../support/config.ts";

const MB = 1024 * 1024;

test("collect only when quiet and the heap has grown by half", () => {
  const baseline = 40 * MB;
  assert.equal(shouldRelease({ utilization: 0.001, heapBytes: 100 * MB }, baseline), true);
  assert.equal(shouldRelease({ utilization: 0.5, heapBytes: 100 * MB }, baseline), false, "busy");
  assert.equal(shouldRelease({ utilization: 0.001, heapBytes: 50 * MB }, baseline), false);
  assert.ok(RELEASE_POLICY.quietBelow < 0.05 && RELEASE_POLICY.growth > 1);
});

test("the releaser collects once after a burst, then measures growth from there", () => {
  let heap = 40 * MB;
  let utilization = 0.9;
  const calls: unknown[] = [];
  const gc: Gc = (options) => {
    calls.push(options);
    heap = 45 * MB;
  };
  const releaser = startMemoryReleaser({
    gc,
    logger: testLogger(),
    heapBytes: () => heap,
    utilization: () => utilization,
  });
  try {
    heap = 110 * MB; // the burst
    assert.equal(releaser.check(), false, "still busy");
    utilization = 0.001;
    assert.equal(releaser.check(), true);
    assert.deepEqual(calls, [{ type: "major", flavor: "last-resort" }]);
    // Grown by half from before the burst (40 MB), but not from after the collection (45 MB).
    heap = 65 * MB;
    assert.equal(releaser.check(), false);
    assert.equal(calls.length, 1);
  } finally {
    releaser.stop();
  }
});

test("without gc() the releaser does nothing", () => {
  const releaser = startMemoryReleaser({
    gc: null,
    logger: testLogger(),
    heapBytes: () => 500 * MB,
    utilization: () => 0,
  });
  assert.equal(releaser.check(), false);
  releaser.stop();
});

test("exposeGc gives V8's gc(), and a last-resort collection hands a grown heap back", () => {
  const gc = exposeGc();
  assert.ok(gc !== null, "gc() is available without a command-line flag");
  // Many small objects that live long enough to reach the old generation, as a burst's do: an
  // ordinary full collection frees them but keeps the pages; a last-resort one gives them back.
  let garbage: { n: number; pair: number[] }[] | null = [];
  for (let i = 0; i < 1_000_000; i++) garbage.push({ n: i, pair: [i, i + 1] });
  gc({ type: "major" });
  const grown = getHeapStatistics().total_heap_size;
  assert.ok(garbage.length > 0);
  garbage = null;
  gc({ type: "major", flavor: "last-resort" });
  const after = getHeapStatistics().total_heap_size;
  assert.ok(after < grown / 5, `${(grown / MB).toFixed(0)} MB -> ${(after / MB).toFixed(0)} MB`);
});
