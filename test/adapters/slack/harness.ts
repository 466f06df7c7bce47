// Starts the real Bolt app (HTTP or Socket Mode) against the fake Slack, with a real SQLite
// feedback store in a temp dir. Everything on 127.0.0.1, port 0.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createSlackApp,
  type SlackApp,
  type SlackAppOptions,
} from "../../../src/adapters/slack/index.ts";
import type { Config } from "../../../src/config.ts";
import type { Portbot } from "../../../src/core/portbot-api.ts";
import { openSqliteStore } from "../../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../../src/feedback/types.ts";
import { createLogger } from "../../../src/logger.ts";
import { FAKE_BOT_ID, FAKE_BOT_USER_ID, FakeSlack } from "../../fakes/slack.ts";
import { testPortbot } from "./portbot.ts";

export const SIGNING_SECRET = "test-signing-secret";

export interface Harness {
  fake: FakeSlack;
  store: FeedbackStore;
  slack: SlackApp;
  portbot: Portbot;
  /** HTTP mode: the events URL (`http://127.0.0.1:P/slack/events`); "" in Socket Mode. */
  url: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode: "http" | "socket";
  portbot?: Portbot;
  /** Pass the bot's ids instead of letting the app call auth.test. */
  skipAuthTest?: boolean;
  app?: SlackAppOptions;
  /** Wraps the test's SQLite store (to make some of its calls fail). */
  wrapStore?: (store: FeedbackStore) => FeedbackStore;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const fake = await FakeSlack.start();
  const dir = mkdtempSync(join(tmpdir(), "portbot-slack-"));
  const sqlite = await openSqliteStore(join(dir, "feedback.db"));
  await sqlite.migrate();
  const store = options.wrapStore?.(sqlite) ?? sqlite;
  const portbot = options.portbot ?? testPortbot();
  const config: Config = {
    slack: {
      botToken: "xoxb-test-token",
      appToken: options.mode === "socket" ? "xapp-test-token" : null,
      signingSecret: options.mode === "http" ? SIGNING_SECRET : null,
      apiUrl: fake.apiUrl,
      port: 0,
    },
    discord: null,
    databaseUrl: null,
    sqlitePath: join(dir, "feedback.db"),
    dataDir: dir,
    logLevel: "silent",
  };
  const logger = createLogger({ level: process.env.PORTBOT_TEST_LOG ?? "silent" });
  const slack = await createSlackApp(
    { config, portbot, store, logger },
    {
      listen: { port: 0, host: "127.0.0.1" },
      socketPingTimeoutMs: 200,
      ...(options.skipAuthTest
        ? { identity: { botUserId: FAKE_BOT_USER_ID, botId: FAKE_BOT_ID } }
        : {}),
      ...options.app,
    },
  );
  const { port } = await slack.start();
  return {
    fake,
    store,
    slack,
    portbot,
    url: port === null ? "" : `http://127.0.0.1:${port}/slack/events`,
    async close() {
      await slack.stop();
      await sqlite.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every text the message would show, flattened (for "is it inert" checks). */
export function allText(value: unknown): string {
  return JSON.stringify(value);
}
