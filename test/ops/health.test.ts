// Health and metrics as an orchestrator and Prometheus see them, on the real serving path
// (runChat) with Discord against the fake gateway.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Config } from "../../src/config.ts";
import { runChat } from "../../src/serve-chat.ts";
import { FakeDiscord, portCommandData, reactionPayload } from "../fakes/discord.ts";
import { testDiscordConfig, testLogger } from "../support/config.ts";
import { tempStore } from "../support/stores.ts";
import { eventually } from "../support/wait.ts";

test("/readyz: 503 until Discord connects, 200 then, 503 when the gateway goes away; /metrics counts", {
  timeout: 30_000,
}, async () => {
  const fake = await FakeDiscord.start();
  const temp = await tempStore("portbot-health-");
  await temp.store.close();
  const config: Config = {
    slack: null,
    discord: testDiscordConfig(fake.apiUrl, fake.applicationId),
    databaseUrl: null,
    sqlitePath: `${temp.dir}/feedback.db`,
    dataDir: temp.dir,
    logLevel: "silent",
    healthPort: 0,
  };
  const releaseGateway = fake.hold("GET", /\/gateway\/bot$/);
  let port = 0;
  let stop = () => {};
  const until = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const running = runChat(config, testLogger(), {
    until,
    healthHost: "127.0.0.1",
    onHealthPort: (p) => {
      port = p;
    },
  });
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, text: await res.text() };
  };
  try {
    await eventually(() => port > 0, "the health server");
    assert.equal((await get("/healthz")).status, 200);
    const before = await get("/readyz");
    assert.equal(before.status, 503);
    assert.match(before.text, /discord/);

    releaseGateway();
    await eventually(async () => (await get("/readyz")).status === 200, "ready once connected");

    const payload = fake.sendInteraction(2, portCommandData("22"));
    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.decodedPath.includes(`/${payload.token}/messages/@original`),
    );
    const answer = fake.messages.get(`webhook:${payload.token}:@original`);
    assert.ok(edit && answer);
    await fake.waitForRequests(
      (r) => r.method === "PUT" && r.decodedPath.includes("/reactions/"),
      3,
    );
    fake.dispatch(
      "MESSAGE_REACTION_ADD",
      reactionPayload({
        user: { id: "800000000000000042", username: "voter" },
        channelId: String(answer.channel_id),
        messageId: String(answer.id),
        guildId: fake.guildId,
        emoji: "😃",
        messageAuthorId: fake.bot.id,
      }),
    );
    const metrics = await eventually(async () => {
      const m = (await get("/metrics")).text;
      return /portbot_votes_total\{[^}]*outcome="voted"[^}]*\} 1/.test(m) ? m : null;
    }, "the vote counted");
    assert.match(metrics, /portbot_answers_total\{platform="discord",kind="ports"\} 1/);
    assert.match(
      metrics,
      /portbot_handler_seconds_count\{platform="discord",surface="command"\} 1/,
    );
    assert.match(metrics, /portbot_store_seconds_count\{operation="recordAnswer",outcome="ok"\} 1/);
    assert.match(metrics, /portbot_work_in_flight\{adapter="discord"\} 0/);
    assert.match(metrics, /portbot_process_resident_memory_bytes/);

    // The gateway stalls: the connection drops and the new one is never greeted.
    fake.gatewayDown = true;
    fake.dropConnection(4000);
    const down = await eventually(async () => {
      const r = await get("/readyz");
      return r.status === 503 ? r : null;
    }, "not ready without a gateway");
    assert.match(down.text, /discord/);
    // And back: the gateway answers again and the client reconnects.
    fake.gatewayDown = false;
    fake.dropConnection(4000);
    await eventually(async () => (await get("/readyz")).status === 200, "ready again", 20_000);
  } finally {
    stop();
    assert.equal(await running, 0);
    await fake.close();
    await temp.close();
  }
});
