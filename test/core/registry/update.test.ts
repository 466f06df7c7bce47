import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CACHE_FILE, CSV_FILE } from "../../../src/core/registry/cache.ts";
import { loadRegistry } from "../../../src/core/registry/load.ts";
import { updateRegistry } from "../../../src/core/registry/update.ts";
import { FIXTURE_KEPT, serve, syntheticCsv, tempDir } from "./helpers.ts";

type T = { after(fn: () => void): void };

/** A data dir holding registry "A" (descriptions say "Synthetic A …"), stored by an update. */
async function withPrevious(t: T): Promise<{ dir: string; dataDir: string }> {
  const dir = tempDir(t);
  const src = join(dir, "a.csv");
  writeFileSync(src, syntheticCsv({ marker: "A" }));
  const dataDir = join(dir, "data");
  const r = await updateRegistry({ from: src, dataDir });
  assert.ok(r.ok);
  return { dir, dataDir };
}

/** The previous data is untouched: still registry "A", no temp files left behind. */
function assertPreviousKept(dataDir: string, before: Buffer) {
  assert.deepEqual(readFileSync(join(dataDir, CSV_FILE)), before);
  const reg = loadRegistry({ dataDir });
  assert.equal(reg.source, "iana-csv");
  assert.equal(reg.warning, null);
  assert.equal(reg.recordsFor(10001)[0]?.description, "Synthetic A 10001");
  assert.deepEqual(readdirSync(dataDir).sort(), [CSV_FILE, CACHE_FILE].sort());
}

test("update from a file stores the CSV and cache and reports what it read", async (t) => {
  const dir = tempDir(t);
  const src = join(dir, "in.csv");
  const text = syntheticCsv();
  writeFileSync(src, text);
  const dataDir = join(dir, "new", "nested");
  const r = await updateRegistry({ from: src, dataDir });
  assert.ok(r.ok, r.ok ? "" : r.reason);
  assert.equal(r.records, FIXTURE_KEPT + 6000);
  assert.equal(r.previousRecords, null);
  assert.equal(r.updated, "2026-02-25");
  assert.equal(r.bytes, Buffer.byteLength(text));
  assert.match(r.sha256, /^[0-9a-f]{64}$/);
  assert.equal(r.report.skipped["service-name-only"], 2);
  assert.equal(readFileSync(join(dataDir, CSV_FILE), "utf8"), text);
  assert.deepEqual(readdirSync(dataDir).sort(), [CSV_FILE, CACHE_FILE].sort());
  const reg = loadRegistry({ dataDir });
  assert.equal(reg.meta?.fetchedFrom, src);
  assert.equal(reg.meta?.sha256, r.sha256);
});

test("update from a file:// URL works like a path", async (t) => {
  const dir = tempDir(t);
  const src = join(dir, "in.csv");
  writeFileSync(src, syntheticCsv());
  const r = await updateRegistry({ from: `file://${src}`, dataDir: join(dir, "data") });
  assert.ok(r.ok, r.ok ? "" : r.reason);
});

test("update over HTTP replaces the previous data", async (t) => {
  const { dataDir } = await withPrevious(t);
  const body = syntheticCsv({ marker: "B" });
  const server = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "text/csv" });
    res.end(body);
  });
  t.after(() => server.close());
  const r = await updateRegistry({ from: server.url, dataDir });
  assert.ok(r.ok, r.ok ? "" : r.reason);
  assert.equal(r.previousRecords, FIXTURE_KEPT + 6000);
  const reg = loadRegistry({ dataDir });
  assert.equal(reg.recordsFor(10001)[0]?.description, "Synthetic B 10001");
  assert.equal(reg.meta?.fetchedFrom, server.url);
  assert.deepEqual(readdirSync(dataDir).sort(), [CSV_FILE, CACHE_FILE].sort());
});

test("HTTP 500: previous data kept, reason names the status", async (t) => {
  const { dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const server = await serve((_req, res) => {
    res.writeHead(500, "Internal Server Error", { "content-type": "text/plain" });
    res.end("boom");
  });
  t.after(() => server.close());
  const r = await updateRegistry({ from: server.url, dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /answered HTTP 500 Internal Server Error/);
  assertPreviousKept(dataDir, before);
});

test("a body cut off before its Content-Length: previous data kept", async (t) => {
  const { dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const body = Buffer.from(syntheticCsv({ marker: "B" }));
  const server = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "text/csv", "content-length": body.byteLength });
    res.write(body.subarray(0, body.byteLength >> 1), () => res.destroy());
  });
  t.after(() => server.close());
  const r = await updateRegistry({ from: server.url, dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /download from .* (broke off|is incomplete)/);
  assertPreviousKept(dataDir, before);
});

test("a body that ends cleanly but early (no length given): previous data kept", async (t) => {
  const { dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const full = syntheticCsv({ marker: "B" });
  // Cut at a line end a fifth of the way in: valid CSV, but far too few records.
  const cut = full.slice(0, full.indexOf("\n", full.length / 5) + 1);
  const server = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "text/csv", "transfer-encoding": "chunked" });
    res.end(cut);
  });
  t.after(() => server.close());
  const r = await updateRegistry({ from: server.url, dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /looks truncated/);
  assertPreviousKept(dataDir, before);
});

test("an HTML error page served as 200: previous data kept", async (t) => {
  const { dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const server = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>",
    );
  });
  t.after(() => server.close());
  const r = await updateRegistry({ from: server.url, dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /Not IANA's port registry.*<!DOCTYPE html>/);
  assertPreviousKept(dataDir, before);
});

test("binary garbage: previous data kept", async (t) => {
  const { dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const server = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0xc3, 0x28, 0x00]));
  });
  t.after(() => server.close());
  const r = await updateRegistry({ from: server.url, dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /is not UTF-8 text/);
  assertPreviousKept(dataDir, before);
});

test("a much smaller registry than the stored one is refused unless forced", async (t) => {
  const { dir, dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const small = join(dir, "small.csv");
  writeFileSync(small, syntheticCsv({ marker: "S", extra: 5000 }));
  const r = await updateRegistry({ from: small, dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /5023 records, the stored registry 6023; .*--force/);
  assertPreviousKept(dataDir, before);
  const forced = await updateRegistry({ from: small, dataDir, force: true });
  assert.ok(forced.ok);
  assert.equal(loadRegistry({ dataDir }).records.length, 5023);
});

test("a missing file: nothing replaced, reason given", async (t) => {
  const { dir, dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const r = await updateRegistry({ from: join(dir, "nope.csv"), dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /cannot read .*nope\.csv: ENOENT/);
  assertPreviousKept(dataDir, before);
});

test("a server that never answers times out: nothing replaced", async (t) => {
  const { dataDir } = await withPrevious(t);
  const before = readFileSync(join(dataDir, CSV_FILE));
  const server = await serve(() => {
    // never respond
  });
  t.after(() => server.close());
  const r = await updateRegistry({ from: server.url, dataDir, timeoutMs: 150 });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /no answer from .* within/);
  assertPreviousKept(dataDir, before);
});

test("a refused connection is reported, not thrown", async (t) => {
  const server = await serve(() => undefined);
  const url = server.url;
  await server.close();
  const dataDir = join(tempDir(t), "data");
  const r = await updateRegistry({ from: url, dataDir });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /cannot download .*ECONNREFUSED/);
  assert.equal(existsSync(dataDir), false);
});

test("the fetch option is used, and IANA's URL is the default source", async (t) => {
  const seen: string[] = [];
  const fake: typeof fetch = async (input) => {
    seen.push(String(input));
    return new Response(syntheticCsv(), { status: 200 });
  };
  const r = await updateRegistry({ dataDir: join(tempDir(t), "data"), fetch: fake });
  assert.ok(r.ok, r.ok ? "" : r.reason);
  assert.deepEqual(seen, [
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv",
  ]);
});

test("an unwritable data dir: reason given, nothing thrown", async (t) => {
  const dir = tempDir(t);
  const src = join(dir, "in.csv");
  writeFileSync(src, syntheticCsv());
  const blocker = join(dir, "file");
  writeFileSync(blocker, "");
  const r = await updateRegistry({ from: src, dataDir: join(blocker, "data") });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.reason, /cannot write to/);
});
