// A vote Slack got an acknowledgement for is durable: Slack never redelivers an event it got a
// 200 (or an envelope ack) for, so the adapter must not acknowledge a vote before the store has
// it. A child runs the real adapter; votes stream in with 10 in flight; the child is SIGKILLed
// mid-stream; every acknowledged vote must be in the store afterwards, on SQLite and PostgreSQL,
// over HTTP and Socket Mode.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";
import { openPostgresStore } from "../../../src/feedback/postgres.ts";
import { openSqliteStore } from "../../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../../src/feedback/types.ts";
import {
  eventCallback,
  FAKE_TEAM_ID,
  FakeSlack,
  reactionEvent,
  sendEvent,
} from "../../fakes/slack.ts";
import { dropSchema, PG_URL, pgSkipReason, randomSchema } from "../../feedback/pg.ts";
import { SIGNING_SECRET } from "../../support/config.ts";
import { type Faults, faultyStore } from "../../support/stores.ts";
import { eventually } from "../../support/wait.ts";
import { startHarness } from "./harness.ts";
import type { VoteServerPlan } from "./vote-server.ts";

const pgSkip = await pgSkipReason();
const SERVER = new URL("./vote-server.ts", import.meta.url).pathname;
const ANSWER_TS = "1700000000.000001";
const IN_FLIGHT = 10;
const ACKS_BEFORE_KILL = 400;

async function seedAnswer(store: FeedbackStore): Promise<void> {
  await store.migrate();
  await store.recordAnswer({
    platform: "slack",
    workspace: FAKE_TEAM_ID,
    channel: "C0CHANNEL1",
    messageId: ANSWER_TS,
    thread: null,
    query: "5432",
    ports: [5432],
    asker: "U0ASKER001",
    at: new Date(),
  });
}

async function startServer(plan: VoteServerPlan) {
  const child = spawn(process.execPath, [SERVER, JSON.stringify(plan)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once("line", (l) => resolve(Number(l.split(" ")[1])));
    child.once("exit", (code) => reject(new Error(`vote server exited early (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, port, exited };
}

/** Streams one vote per new voter with IN_FLIGHT in flight; kills the child after enough acks. */
async function voteUntilKilled(
  plan: VoteServerPlan,
  fake: FakeSlack,
): Promise<{ acked: number; sent: number }> {
  const server = await startServer(plan);
  if (plan.mode === "socket") await fake.waitForSocket();
  const url = `http://127.0.0.1:${server.port}/slack/events`;
  let next = 0;
  let acked = 0;
  let killed = false;
  const vote = async (i: number): Promise<boolean> => {
    const envelope = eventCallback(
      reactionEvent("added", "smiley", { channel: "C0CHANNEL1", ts: ANSWER_TS }, `U0V${i}`),
      { eventId: `Ev0DURABLE${i}` },
    );
    try {
      if (plan.mode === "http")
        return (await sendEvent(url, SIGNING_SECRET, envelope)).status === 200;
      await fake.sendEnvelope("events_api", envelope);
      return true;
    } catch {
      return false; // the process died with this vote in flight: not acknowledged
    }
  };
  const lane = async () => {
    while (!killed) {
      const ok = await vote(next++);
      if (ok && !killed) acked += 1;
      if (acked >= ACKS_BEFORE_KILL && !killed) {
        killed = true;
        server.child.kill("SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  await server.exited;
  return { acked, sent: next };
}

async function scenario(
  mode: "http" | "socket",
  store: () => Promise<{ plan: VoteServerPlan["store"]; open: () => Promise<FeedbackStore> }>,
) {
  const fake = await FakeSlack.start();
  try {
    const { plan, open } = await store();
    const seeded = await open();
    await seedAnswer(seeded);
    await seeded.close();
    const { acked, sent } = await voteUntilKilled({ mode, apiUrl: fake.apiUrl, store: plan }, fake);
    const after = await open();
    const votes = (await after.stats()).overall.votes;
    await after.close();
    assert.ok(acked >= ACKS_BEFORE_KILL, `${acked} acks`);
    assert.ok(votes >= acked, `${acked} votes acknowledged, ${votes} stored (of ${sent} sent)`);
  } finally {
    await fake.close();
  }
}

for (const mode of ["http", "socket"] as const) {
  describe(`durable vote acks: Slack ${mode}`, { timeout: 240_000 }, () => {
    it("sqlite: every acknowledged vote survives SIGKILL", async () => {
      const dir = await mkdtemp(join(tmpdir(), "portbot-durable-slack-"));
      try {
        const path = join(dir, "feedback.db");
        await scenario(mode, async () => ({
          plan: { kind: "sqlite", path },
          open: () => openSqliteStore(path),
        }));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("postgres: every acknowledged vote survives SIGKILL", {
      skip: pgSkip ?? false,
    }, async () => {
      const schema = randomSchema();
      try {
        await scenario(mode, async () => ({
          plan: { kind: "postgres", url: PG_URL, schema },
          open: () => openPostgresStore(PG_URL, { schema }),
        }));
      } finally {
        await dropSchema(schema);
      }
    });
  });
}

describe("a vote that could not be stored", () => {
  it("is not acknowledged, so Slack delivers it again, and then it counts once", async () => {
    const faults: Faults = { recordAnswer: false, stats: false, recordReaction: true };
    const h = await startHarness({
      mode: "socket",
      skipAuthTest: true,
      wrapStore: (store) => faultyStore(store, faults),
    });
    try {
      await h.fake.waitForSocket();
      await seedAnswer(h.store);
      const envelope = eventCallback(
        reactionEvent("added", "smiley", { channel: "C0CHANNEL1", ts: ANSWER_TS }, "U0RETRY01"),
        { eventId: "Ev0RETRY001" },
      );
      const first = h.fake.sendEnvelopeOnly("events_api", envelope);
      await eventually(
        () => h.fake.callsTo("users.info").length > 0,
        "the vote reached the adapter",
      );
      await h.slack.idle();
      assert.equal(h.fake.acks.has(first), false, "no ack for a vote the store refused");
      faults.recordReaction = false;
      await h.fake.sendEnvelope("events_api", envelope); // Slack's redelivery: acked now
      await h.fake.sendEnvelope("events_api", envelope); // and once more: counted once
      assert.equal((await h.store.stats()).overall.votes, 1);
    } finally {
      await h.close();
    }
  });
});
