// The sharding entry as an operator runs it: a ShardingManager process that spawns one child per
// shard, each connecting to the (fake) gateway as its own shard.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { FakeDiscord } from "../../fakes/discord.ts";

const SHARD = fileURLToPath(new URL("../../../src/adapters/discord/shard.ts", import.meta.url));

test("--shards 2 spawns two processes that each identify to the gateway", {
  timeout: 60_000,
}, async () => {
  const fake = await FakeDiscord.start();
  const dir = mkdtempSync(join(tmpdir(), "portbot-shards-"));
  const manager = spawn(process.execPath, [SHARD, "--shards", "2"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      PORTBOT_DATA_DIR: dir,
      LOG_LEVEL: "warn",
      DISCORD_TOKEN: "c2hhcmQ.dGVzdA.shard-test-token",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  manager.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  try {
    for (let i = 0; i < 1200 && fake.identifies < 2; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(fake.identifies, 2, stderr);
    const shards = fake.identifyPayloads.map((d) => JSON.stringify(d.shard)).sort();
    assert.deepEqual(shards, ["[0,2]", "[1,2]"]);
  } finally {
    manager.kill("SIGTERM");
    if (manager.exitCode === null) await once(manager, "exit");
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
