import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG_VARIABLES, ConfigError, checkConfig, loadConfig } from "../src/config.ts";

const base = { HOME: "/home/test" };
/** The shape of a real bot token: three base64url parts separated by dots. */
const DISCORD_TOKEN = "MTA4OTk4NzY1NDMyMTAxMjM0NQ.GhIjKl.very-secret_discord-token-part";

describe("loadConfig", () => {
  test("no platform configured: shell, SQLite under the data dir", () => {
    const c = loadConfig(base);
    assert.equal(c.slack, null);
    assert.equal(c.discord, null);
    assert.equal(c.databaseUrl, null);
    assert.equal(c.dataDir, "/home/test/.local/share/portbot");
    assert.equal(c.sqlitePath, "/home/test/.local/share/portbot/feedback.db");
  });

  test("Slack Socket Mode and HTTP mode", () => {
    const socket = loadConfig({ ...base, SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    assert.equal(socket.slack?.appToken, "xapp-1");
    const http = loadConfig({
      ...base,
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      PORT: "8080",
    });
    assert.equal(http.slack?.signingSecret, "s");
    assert.equal(http.slack?.port, 8080);
  });

  test("a missing secret is named, and the message never contains a secret's value", () => {
    assert.throws(
      () => loadConfig({ ...base, SLACK_BOT_TOKEN: "xoxb-very-secret" }),
      (err: Error) =>
        err instanceof ConfigError &&
        /SLACK_APP_TOKEN/.test(err.message) &&
        /SLACK_SIGNING_SECRET/.test(err.message) &&
        !err.message.includes("very-secret"),
    );
    assert.throws(() => loadConfig({ ...base, SLACK_APP_TOKEN: "xapp-1" }), /SLACK_BOT_TOKEN/);
    assert.throws(
      () => loadConfig({ ...base, DISCORD_GUILD_ID: "123456789012345678" }),
      /DISCORD_TOKEN/,
    );
  });

  test("malformed values are refused with the variable's name", () => {
    assert.throws(
      () => loadConfig({ ...base, SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_APP_TOKEN: "xapp-1" }),
      (err: Error) =>
        /SLACK_BOT_TOKEN/.test(err.message) && !err.message.includes("xoxp-user-token"),
    );
    assert.throws(() => loadConfig({ ...base, PORT: "99999" }), /PORT/);
    assert.throws(() => loadConfig({ ...base, DATABASE_URL: "not a url" }), /DATABASE_URL/);
    assert.throws(
      () => loadConfig({ ...base, DISCORD_TOKEN: DISCORD_TOKEN, DISCORD_GUILD_ID: "abc" }),
      /DISCORD_GUILD_ID/,
    );
  });

  test("empty variables count as unset; PORTBOT_DB and DATABASE_URL are honoured", () => {
    const c = loadConfig({
      ...base,
      SLACK_BOT_TOKEN: "",
      LOG_LEVEL: "",
      PORTBOT_DB: "/tmp/x.db",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
    });
    assert.equal(c.slack, null);
    assert.equal(c.logLevel, "info");
    assert.equal(c.sqlitePath, "/tmp/x.db");
    const http = loadConfig({
      ...base,
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      PORT: "",
    });
    assert.equal(http.slack?.port, 3000);
    assert.equal(c.databaseUrl, "postgres://postgres@127.0.0.1:5432/test");
  });

  test("a Discord token is format-checked like Slack's, and its value never echoed", () => {
    assert.equal(loadConfig({ ...base, DISCORD_TOKEN }).discord?.token, DISCORD_TOKEN);
    for (const bad of ["not-a-token", `Bot ${DISCORD_TOKEN}`, "a.b", "a.b.c.d", "a.b c.d"]) {
      assert.throws(
        () => loadConfig({ ...base, DISCORD_TOKEN: bad }),
        (err: Error) =>
          err instanceof ConfigError &&
          /^DISCORD_TOKEN must be a bot token/.test(err.message) &&
          !err.message.includes(bad),
        bad,
      );
    }
  });

  test("DATABASE_URL must be PostgreSQL: mysql:// and the like are refused by name", () => {
    for (const ok of ["postgres://u:p@db:5432/x", "postgresql://db/x"]) {
      assert.equal(loadConfig({ ...base, DATABASE_URL: ok }).databaseUrl, ok);
    }
    for (const url of ["mysql://root:hunter2@db:3306/portbot", "sqlite:///tmp/x.db", "http://db"]) {
      assert.throws(
        () => loadConfig({ ...base, DATABASE_URL: url }),
        (err: Error) =>
          /^DATABASE_URL must be a PostgreSQL URL \(postgres:\/\/ or postgresql:\/\/\)/.test(
            err.message,
          ) && !err.message.includes("hunter2"),
        url,
      );
    }
  });

  test("every problem at once, one line each, starting with the variable", () => {
    const { config, problems } = checkConfig({
      ...base,
      SLACK_BOT_TOKEN: "xoxp-user-token",
      SLACK_APP_TOKEN: "xapp-1",
      DISCORD_GUILD_ID: "123456789012345678",
      DATABASE_URL: "mysql://db/x",
      PORT: "99999",
    });
    assert.equal(config, null);
    assert.deepEqual(
      problems.map((p) => p.split(/[ :]/)[0]),
      ["SLACK_BOT_TOKEN", "PORT", "DATABASE_URL", "DISCORD_TOKEN"],
    );
    for (const p of problems) assert.ok(!p.includes("\n") && !p.includes("xoxp-user-token"), p);
    assert.deepEqual(checkConfig(base).problems, []);
  });

  test("CONFIG_VARIABLES lists what the configuration reads", () => {
    for (const name of ["SLACK_BOT_TOKEN", "DISCORD_TOKEN", "DATABASE_URL", "LOG_LEVEL", "PORT"]) {
      assert.ok(CONFIG_VARIABLES.includes(name), name);
    }
  });
});
