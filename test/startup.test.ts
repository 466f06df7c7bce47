// Start-up failures as an operator meets them: `portbot serve` against the loopback fakes told to
// refuse the token, or against a loopback port nothing listens on. Each gives one line on stderr
// naming the variable or service and what to do, exits 1, and prints no stack trace and no secret;
// the details appear only at LOG_LEVEL=debug.
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Config } from "../src/config.ts";
import { CredentialCheckError, explainStartupFailure } from "../src/startup.ts";
import { FakeDiscord } from "./fakes/discord.ts";
import { FakeSlack } from "./fakes/slack.ts";
import { freePort, start } from "./support/process.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const BOT_TOKEN = "xoxb-startup-secret-bot-token";
const SIGNING_SECRET = "startup-signing-secret";
const DISCORD_TOKEN = "c3RhcnR1cA.c2VjcmV0.startup-secret-discord-token";
const SECRETS = [BOT_TOKEN, SIGNING_SECRET, DISCORD_TOKEN, "pg-secret-password"];

let dir = "";
let slack: FakeSlack;
let discord: FakeDiscord;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "portbot-startup-"));
  slack = await FakeSlack.start();
  discord = await FakeDiscord.start();
});
after(async () => {
  await slack.close();
  await discord.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(env: NodeJS.ProcessEnv) {
  const run = start(process.execPath, [MAIN, "serve"], {
    HOME: dir,
    PORTBOT_DATA_DIR: dir,
    // Any free port for /healthz: tests run side by side.
    HEALTH_PORT: "0",
    ...env,
  });
  return run.finished(30_000);
}

const slackHttp = (apiUrl: string) => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: apiUrl,
  PORT: "0",
});

/** Exactly one line, exit 1, no stack frame, no secret. */
function assertOneLine(r: { code: number | null; stderr: string; stdout: string }, re: RegExp) {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0] ?? "", re);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, "no stack trace");
  for (const secret of SECRETS) assert.ok(!`${r.stderr}${r.stdout}`.includes(secret), secret);
}

describe("start-up failures: one line, exit 1", { timeout: 120_000 }, () => {
  test("Slack refuses the bot token (invalid_auth at auth.test)", async () => {
    slack.fail("auth.test", { error: "invalid_auth" });
    const r = await serve(slackHttp(slack.apiUrl));
    assertOneLine(r, /^portbot: Slack refused SLACK_BOT_TOKEN \(invalid_auth\): set the Bot User/);
  });

  test("Slack unreachable (ECONNREFUSED)", async () => {
    const port = await freePort();
    const r = await serve(slackHttp(`http://127.0.0.1:${port}/api/`));
    assertOneLine(
      r,
      new RegExp(
        `^portbot: cannot reach Slack at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\).*SLACK_API_URL`,
      ),
    );
  });

  test("Slack HTTP mode: PORT already taken", async () => {
    const taken = createServer().listen(0, "127.0.0.1");
    await once(taken, "listening");
    const port = (taken.address() as AddressInfo).port;
    try {
      const r = await serve({ ...slackHttp(slack.apiUrl), PORT: String(port) });
      assertOneLine(
        r,
        new RegExp(
          `^portbot: cannot listen on PORT ${port} for Slack's HTTP requests \\(EADDRINUSE\\)`,
        ),
      );
    } finally {
      taken.close();
    }
  });

  test("Discord refuses the token (401, TokenInvalid)", async () => {
    discord.fail({
      method: "GET",
      path: /\/gateway\/bot$/,
      status: 401,
      body: { message: "401: Unauthorized", code: 0 },
    });
    const r = await serve({ DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl });
    assertOneLine(
      r,
      /^portbot: Discord refused DISCORD_TOKEN \(401, TokenInvalid\): reset the token/,
    );
  });

  test("Discord unreachable (ECONNREFUSED)", async () => {
    const port = await freePort();
    const r = await serve({ DISCORD_TOKEN, DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    assertOneLine(
      r,
      /^portbot: cannot reach Discord at 127\.0\.0\.1:\d+ \(ECONNREFUSED\).*DISCORD_API_URL/,
    );
  });

  test("PostgreSQL unreachable: the host is named, the password is not", async () => {
    const port = await freePort();
    const r = await serve({
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_URL: `postgres://portbot:pg-secret-password@127.0.0.1:${port}/portbot`,
    });
    assertOneLine(
      r,
      new RegExp(
        `^portbot: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): check DATABASE_URL`,
      ),
    );
  });

  test("LOG_LEVEL=debug adds the details (the error and its stack), still no secret", async () => {
    slack.fail("auth.test", { error: "invalid_auth" });
    const r = await serve({ ...slackHttp(slack.apiUrl), LOG_LEVEL: "debug" });
    assert.equal(r.code, 1);
    const details = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg: string; err?: { stack?: string } })
      .find((l) => l.msg === "start-up failed");
    assert.match(details?.err?.stack ?? "", /invalid_auth/);
    assert.match(r.stderr, /^portbot: Slack refused SLACK_BOT_TOKEN/m);
    for (const secret of SECRETS) assert.ok(!r.stderr.includes(secret), secret);
  });
});

test("a store that cannot open leaves nothing running (no data watcher): the process ends", async () => {
  const port = await freePort();
  // In its own process, with no exit backstop: it ends only if nothing is left running.
  const script = `
    import { openRuntime } from ${JSON.stringify(new URL("../src/runtime.ts", import.meta.url).href)};
    const config = {
      databaseUrl: "postgres://portbot@127.0.0.1:${port}/portbot",
      sqlitePath: ${JSON.stringify(join(dir, "unused.db"))},
      dataDir: ${JSON.stringify(dir)},
      logLevel: "silent",
    };
    await openRuntime(config, { reloadData: true }).catch((e) => console.log(e.message));
  `;
  const r = await start(process.execPath, ["--input-type=module", "-e", script], {}).finished(
    15_000,
  );
  assert.match(r.stdout, /ECONNREFUSED/, r.stderr);
  assert.equal(r.code, 0);
});

describe("explainStartupFailure", () => {
  const config: Config = {
    slack: {
      botToken: BOT_TOKEN,
      appToken: null,
      signingSecret: SIGNING_SECRET,
      apiUrl: null,
      port: 3000,
    },
    discord: { token: DISCORD_TOKEN, applicationId: null, guildId: null, apiUrl: null },
    databaseUrl: "postgres://portbot:pg-secret-password@db.internal:5432/portbot",
    sqlitePath: "/data/feedback.db",
    dataDir: "/data",
    logLevel: "info",
    healthPort: 9464,
  };
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

  const slackError = (error: string) =>
    Object.assign(new Error(`An API error occurred: ${error}`), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error },
    });

  test("unreachable: the default hosts are named (ENOTFOUND)", () => {
    const dns = coded("ENOTFOUND", "getaddrinfo ENOTFOUND slack.com");
    assert.equal(
      explainStartupFailure("slack", new CredentialCheckError("SLACK_BOT_TOKEN", dns), config),
      "cannot reach Slack at slack.com (ENOTFOUND): check the network",
    );
    assert.match(
      explainStartupFailure("discord", new TypeError("fetch failed", { cause: dns }), config),
      /^cannot reach Discord at discord\.com \(ENOTFOUND\)/,
    );
  });

  test("which Slack token: auth.test checks the bot token, Socket Mode the app token", () => {
    const socket = { ...config, slack: { ...config.slack, appToken: "xapp-secret-app" } } as Config;
    assert.match(
      explainStartupFailure("slack", slackError("invalid_auth"), socket),
      /^Slack refused SLACK_APP_TOKEN \(invalid_auth\): create an app-level token/,
    );
    const atAuthTest = new CredentialCheckError("SLACK_BOT_TOKEN", slackError("token_revoked"));
    assert.match(
      explainStartupFailure("slack", atAuthTest, socket),
      /^Slack refused SLACK_BOT_TOKEN \(token_revoked\)/,
    );
  });

  test("a Slack or Discord that accepts but never answers: timed out", () => {
    const stalled = Object.assign(new Error("The operation was aborted due to timeout"), {
      name: "TimeoutError",
    });
    const wrapped = new CredentialCheckError("SLACK_BOT_TOKEN", { original: stalled });
    assert.equal(
      explainStartupFailure("slack", wrapped, config),
      "cannot reach Slack at slack.com (timed out): check the network",
    );
    assert.match(
      explainStartupFailure("discord", stalled, config),
      /^cannot reach Discord at discord\.com \(timed out\)/,
    );
  });

  test("the health server: HEALTH_PORT in use", () => {
    assert.match(
      explainStartupFailure("health", coded("EADDRINUSE"), config),
      /^cannot listen on HEALTH_PORT 9464 for \/healthz and \/metrics \(EADDRINUSE\): set HEALTH_PORT/,
    );
  });

  test("HTTP mode: PORT in use", () => {
    assert.match(
      explainStartupFailure("slack", coded("EADDRINUSE"), config),
      /^cannot listen on PORT 3000 for Slack's HTTP requests \(EADDRINUSE\): set PORT/,
    );
  });

  test("PostgreSQL: login refused, no database, timed out; never the password", () => {
    const pg = (code: string) =>
      Object.assign(new Error("pg says no"), { code, severity: "FATAL" });
    assert.match(
      explainStartupFailure("store", pg("28P01"), config),
      /^PostgreSQL refused the login in DATABASE_URL \(28P01/,
    );
    assert.match(
      explainStartupFailure("store", pg("3D000"), config),
      /^PostgreSQL has no such database/,
    );
    assert.equal(
      explainStartupFailure("store", new Error("timeout expired"), config),
      "cannot reach PostgreSQL at db.internal:5432 (timed out): check DATABASE_URL and that the server is running",
    );
  });

  test("SQLite: the file and the variables to change", () => {
    const sqlite = { ...config, databaseUrl: null };
    assert.match(
      explainStartupFailure(
        "store",
        coded("EACCES", "EACCES: permission denied, mkdir '/data'"),
        sqlite,
      ),
      /^cannot open the SQLite ratings file \/data\/feedback\.db \(EACCES\): check PORTBOT_DB or PORTBOT_DATA_DIR/,
    );
  });

  test("anything else: the first line of the message with every secret cut out, and the debug hint", () => {
    const leaky = new Error(
      `boom with ${BOT_TOKEN} and ${config.databaseUrl} and pg-secret-password\n    at somewhere`,
    );
    const line = explainStartupFailure("slack", leaky, config);
    assert.match(
      line,
      /^Slack failed to start: boom with \[redacted\].*LOG_LEVEL=debug shows the details$/,
    );
    for (const secret of SECRETS) assert.ok(!line.includes(secret), secret);
    assert.ok(!line.includes("\n") && !line.includes("somewhere"));
    const tagged = new CredentialCheckError("SLACK_BOT_TOKEN", new Error("odd answer"));
    assert.match(
      explainStartupFailure("slack", tagged, config),
      /^Slack failed to start: odd answer;/,
    );
  });
});
