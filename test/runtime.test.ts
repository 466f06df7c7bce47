import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const RUNTIME = new URL("../src/runtime.ts", import.meta.url).href;

function run(guarded: boolean) {
  const script = `
    import { createLogger } from ${JSON.stringify(new URL("../src/logger.ts", import.meta.url).href)};
    import { guardProcess } from ${JSON.stringify(RUNTIME)};
    const kinds = [];
    if (${guarded}) guardProcess(createLogger({ level: "silent" }), (k) => kinds.push(k));
    setTimeout(() => { throw new Error("a bug in a callback"); });
    Promise.reject(new Error("nobody awaited this"));
    setTimeout(() => { console.log("alive " + kinds.sort().join(",")); }, 20);
  `;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
}

test("an uncaught exception or unhandled rejection is logged and counted, and the bot keeps running", () => {
  const guarded = run(true);
  assert.equal(guarded.status, 0, guarded.stderr);
  assert.equal(guarded.stdout.trim(), "alive uncaught-exception,unhandled-rejection");
  const bare = run(false);
  assert.notEqual(bare.status, 0, "without the guard the process dies");
});
