// Configuration for tests: each adapter's own part, and the runtime part, pointing at fakes and a
// temp directory. Nothing here reads the developer's environment.
import { join } from "node:path";
import type { DiscordConfig, SlackConfig } from "../../src/config.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import type { RuntimeConfig } from "../../src/runtime.ts";

export const SIGNING_SECRET = "test-signing-secret";

export function testSlackConfig(apiUrl: string, mode: "http" | "socket"): SlackConfig {
  return {
    botToken: "xoxb-test-token",
    appToken: mode === "socket" ? "xapp-test-token" : null,
    signingSecret: mode === "http" ? SIGNING_SECRET : null,
    apiUrl,
    port: 0,
  };
}

export function testDiscordConfig(apiUrl: string, applicationId: string): DiscordConfig {
  return { token: "fake-discord-token", applicationId, guildId: null, apiUrl };
}

export function testRuntimeConfig(dir: string): RuntimeConfig {
  return {
    databaseUrl: null,
    sqlitePath: join(dir, "feedback.db"),
    dataDir: dir,
    logLevel: "silent",
  };
}

/** Silent unless PORTBOT_TEST_LOG names a level. */
export function testLogger(): Logger {
  return createLogger({ level: process.env.PORTBOT_TEST_LOG ?? "silent" });
}
