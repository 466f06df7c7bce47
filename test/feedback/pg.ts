// PostgreSQL for tests: DATABASE_URL or the local server; each run gets its own schema.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/**
 * null when the server answers. Otherwise the reason to skip, printed as a visible notice; under
 * CI (CI=true) an unreachable server is a failure, so this throws.
 */
export async function pgSkipReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    const reason = `PostgreSQL not reachable at ${redacted(PG_URL)} (${(error as Error).message})`;
    if (process.env.CI === "true") throw new Error(`${reason}; CI=true requires it`);
    process.stderr.write(`\nNOTICE: skipping PostgreSQL tests: ${reason}\n\n`);
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
}

export function randomSchema(): string {
  return `portbot_test_${randomBytes(6).toString("hex")}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs one query in `schema` on a short-lived connection. */
export async function pgQuery<T extends pg.QueryResultRow>(
  schema: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
