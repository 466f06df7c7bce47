import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { openFeedbackStore } from "../../src/feedback/open.ts";
import { answer } from "./fixtures.ts";
import { dropSchema, PG_URL, pgQuery, pgSkipReason, randomSchema } from "./pg.ts";

const pgSkip = await pgSkipReason();

describe("openFeedbackStore", () => {
  it("opens SQLite at PORTBOT_DB when there is no DATABASE_URL, creating directories, migrated", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portbot-open-"));
    try {
      const path = join(dir, "a", "b", "feedback.db");
      const config = loadConfig({ PORTBOT_DB: path });
      const store = await openFeedbackStore(config);
      try {
        assert.equal(store.kind, "sqlite");
        assert.ok(existsSync(path));
        await store.recordAnswer(answer());
        assert.equal((await store.stats()).answers, 1);
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("defaults to feedback.db in the data directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portbot-open-"));
    try {
      const store = await openFeedbackStore(loadConfig({ PORTBOT_DATA_DIR: dir }));
      await store.close();
      assert.ok(existsSync(join(dir, "feedback.db")));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("opens PostgreSQL when DATABASE_URL is set, migrated", { skip: pgSkip ?? false }, async () => {
    const schema = randomSchema();
    // search_path through the URL keeps this run out of the shared public schema
    await pgQuery("public", `CREATE SCHEMA ${schema}`);
    try {
      const url = new URL(PG_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      const store = await openFeedbackStore({
        databaseUrl: url.toString(),
        sqlitePath: "/nonexistent/x.db",
      });
      try {
        assert.equal(store.kind, "postgres");
        await store.recordAnswer(answer());
        assert.equal((await store.stats()).answers, 1);
        const rows = await pgQuery<{ n: number }>(schema, "SELECT count(*)::int AS n FROM answers");
        assert.equal(rows[0]?.n, 1);
      } finally {
        await store.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it("fails to open, and closes what it opened, when the store cannot be migrated", async () => {
    await assert.rejects(
      openFeedbackStore({
        databaseUrl: "postgres://nobody@127.0.0.1:1/none?connect_timeout=2",
        sqlitePath: "",
      }),
    );
  });
});
