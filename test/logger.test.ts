import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";

test("secrets never reach the log, even when a whole config is logged", async () => {
  const dir = mkdtempSync(join(tmpdir(), "portbot-log-"));
  const file = join(dir, "log.ndjson");
  const fd = openSync(file, "w");
  try {
    const logger = createLogger({ destination: fd });
    const config = loadConfig({
      HOME: dir,
      SLACK_BOT_TOKEN: "xoxb-secret-bot",
      SLACK_SIGNING_SECRET: "secret-signing",
      DISCORD_TOKEN: "c2VjcmV0.ZGlzY29yZA.secret-discord",
      DATABASE_URL: "postgres://user:secret-pw@127.0.0.1/db",
    });
    logger.info({ config }, "starting");
    logger.info(
      { token: "secret-direct", headers: { authorization: "Bearer secret-header" } },
      "call",
    );
    logger.flush();
    await new Promise((r) => setTimeout(r, 50));
    const text = readFileSync(file, "utf8");
    assert.match(text, /starting/);
    for (const secret of [
      "xoxb-secret-bot",
      "secret-signing",
      "secret-discord",
      "secret-pw",
      "secret-direct",
      "secret-header",
    ]) {
      assert.ok(!text.includes(secret), `${secret} leaked`);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});
