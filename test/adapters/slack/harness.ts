// Starts the real Bolt app (HTTP or Socket Mode) against the fake Slack, with a real SQLite
// feedback store in a temp dir and the one test portbot. Everything on 127.0.0.1, port 0.
import {
  createSlackApp,
  type SlackApp,
  type SlackAppOptions,
} from "../../../src/adapters/slack/index.ts";
import type { Portbot } from "../../../src/core/portbot-api.ts";
import type { FeedbackStore } from "../../../src/feedback/types.ts";
import { FAKE_BOT_ID, FAKE_BOT_USER_ID, FakeSlack } from "../../fakes/slack.ts";
import {
  SIGNING_SECRET,
  testLogger,
  testRuntimeConfig,
  testSlackConfig,
} from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
import { tempStore } from "../../support/stores.ts";

export { SIGNING_SECRET };

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
  /** NOTES_EDITORS; the test may change the array while the adapter runs. */
  notesEditors?: string[];
  /** Wraps the test's SQLite store (to make some of its calls fail). */
  wrapStore?: (store: FeedbackStore) => FeedbackStore;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const fake = await FakeSlack.start();
  const temp = await tempStore("portbot-slack-");
  const store = options.wrapStore?.(temp.store) ?? temp.store;
  const portbot = options.portbot ?? testPortbot();
  const slack = await createSlackApp(
    { portbot, store, logger: testLogger(), notesEditors: options.notesEditors ?? [] },
    testSlackConfig(fake.apiUrl, options.mode),
    {
      listen: { port: 0, host: "127.0.0.1" },
      socketPingTimeoutMs: 200,
      ...(options.skipAuthTest
        ? { identity: { botUserId: FAKE_BOT_USER_ID, botId: FAKE_BOT_ID } }
        : {}),
      ...options.app,
      // A worker opens its own runtime: the same store file and (absent) data directory.
      ...(options.app?.answers === "worker" ? { runtime: testRuntimeConfig(temp.dir) } : {}),
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
      await temp.close();
      await fake.close();
    },
  };
}

/** Every text the message would show, flattened (for "is it inert" checks). */
export function allText(value: unknown): string {
  return JSON.stringify(value);
}
