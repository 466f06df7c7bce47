import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError, loadConfig } from "../src/config.ts";

const base = { HOME: "/home/test" };

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
      () => loadConfig({ ...base, DISCORD_TOKEN: "t", DISCORD_GUILD_ID: "abc" }),
      /DISCORD_GUILD_ID/,
    );
  });

  test("empty variables count as unset; PORTBOT_DB and DATABASE_URL are honoured", () => {
    const c = loadConfig({
      ...base,
      SLACK_BOT_TOKEN: "",
      PORTBOT_DB: "/tmp/x.db",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
    });
    assert.equal(c.slack, null);
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
});
