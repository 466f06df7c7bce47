// Child process for the durable-vote test: the real Slack adapter (HTTP or Socket Mode) against
// the parent's fake Slack, on the store the parent names, until it is killed. Prints `ready PORT`.
import { createSlackApp } from "../../../src/adapters/slack/index.ts";
import { openPostgresStore } from "../../../src/feedback/postgres.ts";
import { openSqliteStore } from "../../../src/feedback/sqlite.ts";
import { FAKE_BOT_ID, FAKE_BOT_USER_ID } from "../../fakes/slack.ts";
import { testLogger, testSlackConfig } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";

export interface VoteServerPlan {
  mode: "http" | "socket";
  apiUrl: string;
  store: { kind: "sqlite"; path: string } | { kind: "postgres"; url: string; schema: string };
}

const plan = JSON.parse(process.argv[2] ?? "{}") as VoteServerPlan;
const store =
  plan.store.kind === "sqlite"
    ? await openSqliteStore(plan.store.path)
    : await openPostgresStore(plan.store.url, { schema: plan.store.schema, max: 10 });
await store.migrate();
const slack = await createSlackApp(
  { portbot: testPortbot(), store, logger: testLogger() },
  testSlackConfig(plan.apiUrl, plan.mode),
  {
    identity: { botUserId: FAKE_BOT_USER_ID, botId: FAKE_BOT_ID },
    listen: { port: 0, host: "127.0.0.1" },
    socketPingTimeoutMs: 200,
  },
);
const { port } = await slack.start();
process.stdout.write(`ready ${port ?? 0}\n`);
