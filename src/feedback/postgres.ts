// The shared store for several replicas: PostgreSQL through a pg Pool. Every write is one
// transaction (commit = durable with the server's default synchronous_commit); migrations run under
// a transaction-scoped advisory lock so replicas starting together apply each step once.
import pg from "pg";
import type { FeedbackStats } from "../core/stats-model.ts";
import { withNamedErrors } from "./errors.ts";
import { type NoteRow, noteFromRow } from "./notes.ts";
import type { Migration, StoreOptions } from "./sqlite.ts";
import {
  buildStats,
  DEFAULT_TOP,
  EVENT_RETENTION_MS,
  PRUNE_INTERVAL_MS,
  type RatedAnswer,
} from "./stats.ts";
import type {
  AnswerRecord,
  FeedbackStore,
  NoteChange,
  NoteInput,
  NoteLimits,
  NoteRecord,
  NoteRemoval,
  NoteScope,
  ReactionEvent,
  ReactionOutcome,
  StatsOptions,
} from "./types.ts";
import {
  FeedbackInputError,
  validAnswer,
  validClaim,
  validNote,
  validNoteLimits,
  validNoteRemoval,
  validNoteScope,
  validReaction,
  validStatsOptions,
} from "./validate.ts";

/** Numbered schema steps; append only, never edit one that has shipped. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "answers, votes, seen events",
    sql: `
      CREATE TABLE answers (
        id bigserial PRIMARY KEY,
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        message_id text NOT NULL,
        thread text,
        query text NOT NULL,
        ports integer[] NOT NULL,
        asker text NOT NULL,
        at timestamptz NOT NULL,
        UNIQUE (platform, workspace, channel, message_id)
      );
      CREATE INDEX answers_at ON answers (at);
      CREATE TABLE answer_ports (
        answer_id bigint NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        port integer NOT NULL,
        PRIMARY KEY (answer_id, port)
      );
      CREATE INDEX answer_ports_port ON answer_ports (port);
      CREATE TABLE votes (
        answer_id bigint NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        voter text NOT NULL,
        rating text NOT NULL CHECK (rating IN ('helpful', 'confusing', 'not-helpful')),
        emoji text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (answer_id, voter)
      );
      CREATE INDEX votes_at ON votes (at);
      CREATE TABLE seen_events (
        event_id text PRIMARY KEY,
        at timestamptz NOT NULL
      );
      CREATE INDEX seen_events_at ON seen_events (at);
    `,
  },
  {
    version: 2,
    name: "votes keep the rating, not the platform's emoji",
    sql: "ALTER TABLE votes DROP COLUMN emoji",
  },
  {
    version: 3,
    name: "team notes, with their history",
    sql: `
      CREATE TABLE notes (
        id bigserial PRIMARY KEY,
        platform text NOT NULL,
        workspace text NOT NULL,
        first_port integer NOT NULL,
        last_port integer NOT NULL,
        protocol text,
        text text NOT NULL,
        author text NOT NULL,
        author_name text,
        created_at timestamptz NOT NULL,
        removed_by text,
        removed_at timestamptz
      );
      CREATE INDEX notes_scope ON notes (platform, workspace, removed_at);
      CREATE INDEX notes_author ON notes (platform, workspace, author, created_at);
      CREATE INDEX notes_remover ON notes (platform, workspace, removed_by, removed_at);
    `,
  },
];

export interface PostgresStoreOptions extends StoreOptions {
  /** Keep every table in this schema (created by migrate()); tests give each run its own. */
  schema?: string;
  /** Pool size; default 10. */
  max?: number;
  /** Errors of idle pooled connections (server restart); they are otherwise dropped. */
  onError?: (error: Error) => void;
  /**
   * Longest wait for one statement, on the client (a stalled network) and on the server
   * (statement_timeout); default 5000 ms. Connecting gives up after the same time.
   */
  timeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Transient conflicts worth running a transaction again for. */
const RETRYABLE = new Set(["40001", "40P01"]);

/** Opens a pool on `url`; no connection is made until first use. Call migrate() before use. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<FeedbackStore> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new FeedbackInputError("store options", [
      { field: "schema", message: "must be a lower-case SQL identifier ([a-z_][a-z0-9_]*)" },
    ]);
  }
  const timeout = options.timeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: timeout,
    // A stalled server or network fails a request instead of hanging it (and /port stats with it).
    query_timeout: timeout,
    statement_timeout: timeout,
    idle_in_transaction_session_timeout: timeout * 2,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // search_path per connection, set at startup: every statement sees only this schema.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on("error", options.onError ?? (() => {}));
  return withNamedErrors(
    new PostgresStore(pool, schema ?? null, options.now ?? (() => new Date())),
  );
}

function code(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

class PostgresStore implements FeedbackStore {
  readonly kind = "postgres" as const;
  readonly #pool: pg.Pool;
  readonly #schema: string | null;
  readonly #now: () => Date;
  #lastPrune = Number.NEGATIVE_INFINITY;

  constructor(pool: pg.Pool, schema: string | null, now: () => Date) {
    this.#pool = pool;
    this.#schema = schema;
    this.#now = now;
  }

  /** Runs fn again on a transient conflict (deadlock, serialization failure). */
  async #retrying<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (attempt < attempts && RETRYABLE.has(code(error) ?? "")) continue;
        throw error;
      }
    }
  }

  async #transaction<T>(
    fn: (c: pg.PoolClient) => Promise<T>,
    begin = "BEGIN",
    attempts = 5,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(begin);
        const result = await fn(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        if (attempt < attempts && RETRYABLE.has(code(error) ?? "")) continue;
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  async migrate(): Promise<void> {
    await this.#transaction(async (c) => {
      const lockName = `portbot:migrate:${this.#schema ?? "public"}`;
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [lockName]);
      if (this.#schema !== null) await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.#schema}`);
      await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await c.query<{ version: number }>("SELECT version FROM schema_migrations");
      const applied = new Set(rows.map((r) => r.version));
      for (const m of POSTGRES_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.sql);
        await c.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
          m.version,
          m.name,
        ]);
      }
    });
  }

  async recordAnswer(input: AnswerRecord): Promise<void> {
    const a = validAnswer(input);
    // One statement, so one implicit transaction: the answer and its ports land together or not.
    await this.#pool.query(
      `WITH a AS (
         INSERT INTO answers (platform, workspace, channel, message_id, thread, query, ports, asker, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (platform, workspace, channel, message_id) DO NOTHING
         RETURNING id, ports)
       INSERT INTO answer_ports (answer_id, port) SELECT a.id, unnest(a.ports) FROM a`,
      [a.platform, a.workspace, a.channel, a.messageId, a.thread, a.query, a.ports, a.asker, a.at],
    );
  }

  async recordReaction(input: ReactionEvent): Promise<ReactionOutcome> {
    const e = validReaction(input);
    if (e.fromBot) return "ignored-bot";
    const rating = e.rating;
    const claimedAt = this.#now();
    // One statement, so one round trip and one implicit transaction: the answer lookup, the claim
    // of the delivery and the vote commit together or not at all. The vote only happens when the
    // claim inserted a row, and the claim only when the answer exists (so a reaction that arrives
    // before its answer is not remembered, and its redelivery still counts).
    const vote =
      e.action === "added"
        ? // An atomic upsert, so two replicas voting for the same person cannot both insert;
          // xmax = 0 on the returned row means it was inserted rather than updated.
          `INSERT INTO votes (answer_id, voter, rating, at)
           SELECT ans.id, $7::text, $8::text, $9::timestamptz FROM ans, claim
           ON CONFLICT (answer_id, voter) DO UPDATE
             SET rating = EXCLUDED.rating, at = EXCLUDED.at
             WHERE votes.rating <> EXCLUDED.rating
           RETURNING (xmax = 0) AS inserted`
        : `DELETE FROM votes
           WHERE answer_id IN (SELECT id FROM ans) AND voter = $7::text AND rating = $8::text
             AND EXISTS (SELECT 1 FROM claim)
           RETURNING false AS inserted`;
    const outcome = await this.#retrying(async (): Promise<ReactionOutcome> => {
      const { rows } = await this.#pool.query<{
        known: boolean;
        claimed: boolean;
        changed: boolean;
        inserted: boolean | null;
      }>(
        `WITH ans AS (
           SELECT id FROM answers
           WHERE platform = $1 AND workspace = $2 AND channel = $3 AND message_id = $4
         ), claim AS (
           INSERT INTO seen_events (event_id, at) SELECT $5::text, $6::timestamptz FROM ans
           ON CONFLICT (event_id) DO NOTHING
           RETURNING 1
         ), vote AS (${vote})
         SELECT EXISTS (SELECT 1 FROM ans) AS known,
                EXISTS (SELECT 1 FROM claim) AS claimed,
                EXISTS (SELECT 1 FROM vote) AS changed,
                (SELECT inserted FROM vote) AS inserted`,
        [
          e.platform,
          e.workspace,
          e.channel,
          e.messageId,
          e.eventId,
          claimedAt,
          e.voter,
          rating,
          ...(e.action === "added" ? [e.at] : []),
        ],
      );
      const r = rows[0];
      if (r === undefined || !r.known) return "unknown-answer";
      if (!r.claimed) return "duplicate";
      if (e.action === "removed") return r.changed ? "withdrawn" : "no-vote";
      if (!r.changed) return "no-vote";
      return r.inserted === true ? "voted" : "replaced";
    });
    if (outcome !== "unknown-answer") await this.#maybePrune(claimedAt);
    return outcome;
  }

  async claimEvent(eventId: string, at?: Date): Promise<boolean> {
    const c = validClaim(eventId, at);
    const when = c.at ?? this.#now();
    const claimed = await claim(this.#pool, c.eventId, when);
    await this.#maybePrune(when);
    return claimed;
  }

  /**
   * Deletes seen deliveries older than the retention, at most once a minute per store, in its own
   * statement outside vote transactions (so pruning never holds their locks); a failed prune
   * (another replica pruning the same rows) is left to the next one.
   */
  async #maybePrune(at: Date): Promise<void> {
    const t = at.getTime();
    if (t - this.#lastPrune < PRUNE_INTERVAL_MS && t >= this.#lastPrune) return;
    this.#lastPrune = t;
    try {
      await this.#pool.query("DELETE FROM seen_events WHERE at < $1", [
        new Date(t - EVENT_RETENTION_MS),
      ]);
    } catch {
      // Best effort by design: rows only need to be kept *at least* an hour.
    }
  }

  async stats(options?: StatsOptions): Promise<FeedbackStats> {
    const o = validStatsOptions(options);
    const since = o.since ?? null;
    const top = o.top ?? DEFAULT_TOP;
    const from = since ?? "-infinity";
    return this.#transaction(
      async (c) => {
        const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
          (await c.query<T>(sql, params)).rows;
        const answers =
          (
            await q<{ n: number }>("SELECT count(*)::int AS n FROM answers WHERE at >= $1", [from])
          )[0]?.n ?? 0;
        const answersByPlatform = await q<{ platform: string; n: number }>(
          "SELECT platform, count(*)::int AS n FROM answers WHERE at >= $1 GROUP BY platform",
          [from],
        );
        const askedByPort = await q<{ port: number; n: number }>(
          `SELECT ap.port, count(*)::int AS n
           FROM answers a JOIN answer_ports ap ON ap.answer_id = a.id
           WHERE a.at >= $1 GROUP BY ap.port`,
          [from],
        );
        const rated = await q<RatedAnswer>(
          `SELECT x.id::float8 AS id, a.platform, a.query, a.ports,
                  x.helpful, x.confusing, x."notHelpful"
           FROM (SELECT answer_id AS id,
                        count(*) FILTER (WHERE rating = 'helpful')::int AS helpful,
                        count(*) FILTER (WHERE rating = 'confusing')::int AS confusing,
                        count(*) FILTER (WHERE rating = 'not-helpful')::int AS "notHelpful"
                 FROM votes WHERE at >= $1 GROUP BY answer_id) x
           JOIN answers a ON a.id = x.id`,
          [from],
        );
        return buildStats(since, top, { answers, answersByPlatform, askedByPort, rated });
      },
      // One snapshot for every figure.
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
  }

  /**
   * Runs a note change serialised per scope (a transaction-scoped advisory lock), so the limits
   * hold with several replicas writing at once; refused past the rate limit.
   */
  async #noteChange(
    scope: NoteScope,
    who: string,
    at: Date,
    limits: NoteLimits,
    fn: (c: pg.PoolClient) => Promise<NoteChange>,
  ): Promise<NoteChange> {
    return this.#transaction(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
        `portbot:notes:${scope.platform}:${scope.workspace}`,
      ]);
      const since = new Date(at.getTime() - limits.windowMs);
      const { rows } = await c.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM notes
                  WHERE platform = $1 AND workspace = $2 AND author = $3 AND created_at >= $4)
              + (SELECT count(*) FROM notes
                  WHERE platform = $1 AND workspace = $2 AND removed_by = $3 AND removed_at >= $4) AS n`,
        [scope.platform, scope.workspace, who, since],
      );
      if (Number(rows[0]?.n ?? 0) >= limits.changes) return { ok: false, reason: "rate-limited" };
      return fn(c);
    });
  }

  async addNote(input: NoteInput, limits: NoteLimits): Promise<NoteChange> {
    const n = validNote(input);
    const l = validNoteLimits(limits);
    return this.#noteChange(n, n.author, n.at, l, async (c) => {
      const live = await c.query<{ n: string }>(
        `SELECT count(*) AS n FROM notes WHERE platform = $1 AND workspace = $2 AND first_port = $3
           AND last_port = $4 AND protocol IS NOT DISTINCT FROM $5 AND removed_at IS NULL`,
        [n.platform, n.workspace, n.first, n.last, n.protocol],
      );
      if (Number(live.rows[0]?.n ?? 0) >= l.perTarget) return { ok: false, reason: "full" };
      const { rows } = await c.query<NoteRow>(
        `INSERT INTO notes (platform, workspace, first_port, last_port, protocol, text, author, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          n.platform,
          n.workspace,
          n.first,
          n.last,
          n.protocol,
          n.text,
          n.author,
          n.authorName,
          n.at,
        ],
      );
      const row = rows[0];
      if (row === undefined) throw new Error("INSERT … RETURNING gave no row");
      return { ok: true, note: noteFromRow(row) };
    });
  }

  async removeNote(removal: NoteRemoval, limits: NoteLimits): Promise<NoteChange> {
    const r = validNoteRemoval(removal);
    const l = validNoteLimits(limits);
    return this.#noteChange(r, r.by, r.at, l, async (c) => {
      const t = r.target;
      const { rows } = await c.query<NoteRow>(
        `UPDATE notes SET removed_by = $1, removed_at = $2
         WHERE id = $3 AND platform = $4 AND workspace = $5 AND removed_at IS NULL
           AND ($6::boolean OR (first_port = $7 AND last_port = $8
                                AND protocol IS NOT DISTINCT FROM $9::text))
         RETURNING *`,
        [
          r.by,
          r.at,
          r.id,
          r.platform,
          r.workspace,
          t === null,
          t?.first ?? null,
          t?.last ?? null,
          t?.protocol ?? null,
        ],
      );
      const row = rows[0];
      return row === undefined
        ? { ok: false, reason: "not-found" }
        : { ok: true, note: noteFromRow(row) };
    });
  }

  async listNotes(scope: NoteScope, options: { history?: boolean } = {}): Promise<NoteRecord[]> {
    const s = validNoteScope(scope);
    const { rows } = await this.#pool.query<NoteRow>(
      `SELECT * FROM notes WHERE platform = $1 AND workspace = $2
         AND ($3::boolean OR removed_at IS NULL) ORDER BY id`,
      [s.platform, s.workspace, options.history === true],
    );
    return rows.map(noteFromRow);
  }

  async ping(): Promise<void> {
    await this.#pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}

/** Records a delivery id; false when it was seen before. */
async function claim(
  c: Pick<pg.Pool, "query"> | pg.PoolClient,
  eventId: string,
  at: Date,
): Promise<boolean> {
  const r = await c.query(
    "INSERT INTO seen_events (event_id, at) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING",
    [eventId, at],
  );
  return r.rowCount === 1;
}
