// The CLI's name search runs from dist/ with the index prebuilt by `npm run build` (npm test builds
// first): it must be there, current, and answer as the core does.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadPrebuiltIndex } from "../../src/core/search-prebuilt.ts";

const BIN = fileURLToPath(new URL("../../bin/portbot.js", import.meta.url));
const PREBUILT = fileURLToPath(new URL("../../dist/core/search-index.json", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "portbot-cli-search-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function json(query: string) {
  const r = spawnSync(process.execPath, [BIN, query, "--json"], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { kind: string; ports: { port: number }[] };
}

test("npm run build leaves a current name-search index in dist/", () => {
  assert.ok(loadPrebuiltIndex(PREBUILT), `${PREBUILT} is missing or stale`);
});

test("typos find their port from the command line", () => {
  for (const [typed, port] of [
    ["postgress", 5432],
    ["rediss", 6379],
    ["mongdb", 27017],
    ["dns", 53],
  ] as const) {
    const a = json(typed);
    assert.equal(a.kind, "search", typed);
    assert.equal(a.ports[0]?.port, port, typed);
  }
});
