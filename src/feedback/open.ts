// The store the bot runs on: PostgreSQL when DATABASE_URL is set (several replicas), else the SQLite
// file at PORTBOT_DB. Migrated before it is returned.
import type { Config } from "../config.ts";
import { openPostgresStore } from "./postgres.ts";
import { openSqliteStore } from "./sqlite.ts";
import type { FeedbackStore } from "./types.ts";

export async function openFeedbackStore(
  config: Pick<Config, "databaseUrl" | "sqlitePath">,
): Promise<FeedbackStore> {
  const store =
    config.databaseUrl !== null
      ? await openPostgresStore(config.databaseUrl)
      : await openSqliteStore(config.sqlitePath);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
