// `npm start` as a user runs it: a real process that starts Slack and Discord from the environment,
// against the fake Slack and fake Discord on 127.0.0.1, answers on both, and stops on SIGTERM.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { FakeDiscord, portCommandData } from "./fakes/discord.ts";
import { FakeSlack, sendSlashCommand } from "./fakes/slack.ts";
import { freePort } from "./support/process.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** The environment a bot process gets: nothing of the developer's, a temp home and data dir. */
function botEnv(dir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    PORTBOT_DATA_DIR: dir,
    LOG_LEVEL: "warn",
    HEALTH_PORT: "0",
    ...extra,
  };
}

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("npm start runs Slack (HTTP mode) and Discord together, and stops cleanly", {
  timeout: 60_000,
}, async () => {
  const slack = await FakeSlack.start();
  const discord = await FakeDiscord.start();
  const dir = mkdtempSync(join(tmpdir(), "portbot-main-"));
  const port = await freePort();
  let bot: ChildProcess | null = null;
  let stderr = "";
  try {
    bot = spawn(process.execPath, [MAIN], {
      cwd: dir,
      env: botEnv(dir, {
        SLACK_BOT_TOKEN: "xoxb-main-test",
        SLACK_SIGNING_SECRET: "main-test-secret",
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DISCORD_TOKEN: "bWFpbg.dGVzdA.main-test-discord-token",
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    bot.stderr?.on("data", (d) => {
      stderr += String(d);
    });

    // Discord: connected through the gateway, then a slash command is deferred and answered.
    await until("the Discord IDENTIFY", () => (discord.identifies > 0 ? true : undefined));
    const interaction = discord.sendInteraction(2, portCommandData("22"));
    await discord.waitForRequest(
      (r) => r.method === "PATCH" && r.decodedPath.includes(`/${interaction.token}/messages/`),
    );

    // Slack: the HTTP receiver listens on PORT; a signed /port gets acked and answered.
    const url = `http://127.0.0.1:${port}/slack/events`;
    const res = await until("the Slack HTTP receiver", async () => {
      try {
        return await sendSlashCommand(url, "main-test-secret", {
          text: "5432",
          response_url: slack.responseUrl(),
        });
      } catch {
        return undefined;
      }
    });
    assert.equal(res.status, 200);
    const post = await until("the Slack answer", () => slack.callsTo("chat.postMessage")[0]);
    assert.match(String(post.args.text), /Port 5432/);

    bot.kill("SIGTERM");
    const [code] = await once(bot, "exit");
    assert.equal(code, 0, stderr);
    assert.ok(!stderr.includes("xoxb-main-test") && !stderr.includes("main-test-discord-token"));
  } finally {
    if (bot !== null && bot.exitCode === null) bot.kill("SIGKILL");
    await slack.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("SIGTERM while an answer is in flight: the answer is finished, then the process exits 0", {
  timeout: 30_000,
}, async () => {
  const slack = await FakeSlack.start();
  const dir = mkdtempSync(join(tmpdir(), "portbot-sigterm-"));
  const port = await freePort();
  let bot: ChildProcess | null = null;
  let stderr = "";
  try {
    bot = spawn(process.execPath, [MAIN], {
      cwd: dir,
      env: botEnv(dir, {
        SLACK_BOT_TOKEN: "xoxb-sigterm-test",
        SLACK_SIGNING_SECRET: "sigterm-test-secret",
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    bot.stderr?.on("data", (d) => {
      stderr += String(d);
    });
    const release = slack.hold("chat.postMessage");
    const url = `http://127.0.0.1:${port}/slack/events`;
    const res = await until("the Slack HTTP receiver", async () => {
      try {
        return await sendSlashCommand(url, "sigterm-test-secret", {
          text: "5432",
          response_url: slack.responseUrl(),
        });
      } catch {
        return undefined;
      }
    });
    assert.equal(res.status, 200);
    await slack.waitForCalls("chat.postMessage");
    bot.kill("SIGTERM");
    const exited = once(bot, "exit");
    release();
    const [code] = await exited;
    assert.equal(code, 0, stderr);
    assert.equal(
      slack.callsTo("reactions.add").length,
      3,
      "posted, recorded and seeded before exiting",
    );
  } finally {
    if (bot !== null && bot.exitCode === null) bot.kill("SIGKILL");
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
