// The default store: one SQLite file through node:sqlite. WAL with synchronous=FULL, so a promise
// that resolved means the row reached the disk. Writes run in BEGIN IMMEDIATE transactions, so
// several processes sharing the file queue on the busy timeout instead of failing.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { FeedbackStats } from "../core/stats-model.ts";
import { withNamedErrors } from "./errors.ts";
import { type NoteRow, noteFromRow } from "./notes.ts";
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
  validAnswer,
  validClaim,
  validNote,
  validNoteLimits,
  validNoteRemoval,
  validNoteScope,
  validReaction,
  validStatsOptions,
} from "./validate.ts";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered schema steps; append only, never edit one that has shipped. Times are epoch ms. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "answers, votes, seen events",
    sql: `
      CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        message_id TEXT NOT NULL,
        thread TEXT,
        query TEXT NOT NULL,
        ports TEXT NOT NULL,
        asker TEXT NOT NULL,
        at INTEGER NOT NULL,
        UNIQUE (platform, workspace, channel, message_id)
      ) STRICT;
      CREATE INDEX answers_at ON answers (at);
      CREATE TABLE answer_ports (
        answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        port INTEGER NOT NULL,
        PRIMARY KEY (answer_id, port)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX answer_ports_port ON answer_ports (port);
      CREATE TABLE votes (
        answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        voter TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('helpful', 'confusing', 'not-helpful')),
        emoji TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (answer_id, voter)
      ) STRICT;
      CREATE INDEX votes_at ON votes (at);
      CREATE TABLE seen_events (
        event_id TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      ) STRICT;
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
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        first_port INTEGER NOT NULL,
        last_port INTEGER NOT NULL,
        protocol TEXT,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        author_name TEXT,
        created_at INTEGER NOT NULL,
        removed_by TEXT,
        removed_at INTEGER
      ) STRICT;
      CREATE INDEX notes_scope ON notes (platform, workspace, removed_at);
      CREATE INDEX notes_author ON notes (platform, workspace, author, created_at);
      CREATE INDEX notes_remover ON notes (platform, workspace, removed_by, removed_at);
    `,
  },
];

export interface StoreOptions {
  /** Clock for claim times of reactions (tests); defaults to the wall clock. */
  now?: () => Date;
}

/** Opens (creating the file and its directories) a SQLite store. Call migrate() before use. */
export async function openSqliteStore(
  path: string,
  options: StoreOptions = {},
): Promise<FeedbackStore> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  try {
    db.exec("PRAGMA busy_timeout = 10000");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
  } catch (error) {
    db.close();
    throw error;
  }
  return withNamedErrors(new SqliteStore(db, options.now ?? (() => new Date())));
}

class SqliteStore implements FeedbackStore {
  readonly kind = "sqlite" as const;
  readonly #db: DatabaseSync;
  readonly #now: () => Date;
  #lastPrune = Number.NEGATIVE_INFINITY;
  #statements = new Map<string, ReturnType<DatabaseSync["prepare"]>>();

  constructor(db: DatabaseSync, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  #sql(sql: string) {
    let s = this.#statements.get(sql);
    if (s === undefined) {
      s = this.#db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  #run(sql: string, ...params: SQLInputValue[]) {
    return this.#sql(sql).run(...params);
  }

  #get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.#sql(sql).get(...params) as T | undefined;
  }

  #all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.#sql(sql).all(...params) as T[];
  }

  /** Runs fn in a write transaction; everything in it is synchronous, so nothing interleaves. */
  #write<T>(fn: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = fn();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  async migrate(): Promise<void> {
    this.#write(() => {
      this.#db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
      const applied = new Set(
        this.#db
          .prepare("SELECT version FROM schema_migrations")
          .all()
          .map((r) => Number(r.version)),
      );
      for (const m of SQLITE_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        this.#db.exec(m.sql);
        this.#db
          .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
          .run(m.version, m.name, Date.now());
      }
    });
    this.#statements.clear();
  }

  async recordAnswer(input: AnswerRecord): Promise<void> {
    const a = validAnswer(input);
    this.#write(() => {
      const row = this.#get<{ id: number }>(
        `INSERT INTO answers (platform, workspace, channel, message_id, thread, query, ports, asker, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace, channel, message_id) DO NOTHING
         RETURNING id`,
        a.platform,
        a.workspace,
        a.channel,
        a.messageId,
        a.thread,
        a.query,
        JSON.stringify(a.ports),
        a.asker,
        a.at.getTime(),
      );
      if (row === undefined) return; // recorded before: the first one stays
      for (const port of a.ports) {
        this.#run("INSERT INTO answer_ports (answer_id, port) VALUES (?, ?)", row.id, port);
      }
    });
  }

  async recordReaction(input: ReactionEvent): Promise<ReactionOutcome> {
    const e = validReaction(input);
    if (e.fromBot) return "ignored-bot";
    const rating = e.rating;
    const claimedAt = this.#now().getTime();
    return this.#write((): ReactionOutcome => {
      const answer = this.#get<{ id: number }>(
        "SELECT id FROM answers WHERE platform = ? AND workspace = ? AND channel = ? AND message_id = ?",
        e.platform,
        e.workspace,
        e.channel,
        e.messageId,
      );
      // Not claimed: if the answer is recorded later, a redelivery of this event still counts.
      if (answer === undefined) return "unknown-answer";
      if (!this.#claim(e.eventId, claimedAt)) return "duplicate";
      const current = this.#get<{ rating: string }>(
        "SELECT rating FROM votes WHERE answer_id = ? AND voter = ?",
        answer.id,
        e.voter,
      );
      if (e.action === "removed") {
        if (current?.rating !== rating) return "no-vote";
        this.#run("DELETE FROM votes WHERE answer_id = ? AND voter = ?", answer.id, e.voter);
        return "withdrawn";
      }
      if (current === undefined) {
        this.#run(
          "INSERT INTO votes (answer_id, voter, rating, at) VALUES (?, ?, ?, ?)",
          answer.id,
          e.voter,
          rating,
          e.at.getTime(),
        );
        return "voted";
      }
      if (current.rating === rating) return "no-vote";
      this.#run(
        "UPDATE votes SET rating = ?, at = ? WHERE answer_id = ? AND voter = ?",
        rating,
        e.at.getTime(),
        answer.id,
        e.voter,
      );
      return "replaced";
    });
  }

  /** Inside a write transaction: records the event id; false when it was there already. */
  #claim(eventId: string, at: number): boolean {
    if (at - this.#lastPrune >= PRUNE_INTERVAL_MS || at < this.#lastPrune) {
      this.#run("DELETE FROM seen_events WHERE at < ?", at - EVENT_RETENTION_MS);
      this.#lastPrune = at;
    }
    const r = this.#run(
      "INSERT INTO seen_events (event_id, at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING",
      eventId,
      at,
    );
    return r.changes > 0;
  }

  async claimEvent(eventId: string, at?: Date): Promise<boolean> {
    const c = validClaim(eventId, at);
    const when = (c.at ?? this.#now()).getTime();
    return this.#write(() => this.#claim(c.eventId, when));
  }

  async stats(options?: StatsOptions): Promise<FeedbackStats> {
    const o = validStatsOptions(options);
    const since = o.since ?? null;
    const top = o.top ?? DEFAULT_TOP;
    const from = since === null ? Number.MIN_SAFE_INTEGER : since.getTime();
    // One read transaction: every figure comes from the same snapshot.
    this.#db.exec("BEGIN");
    try {
      const answers =
        this.#get<{ n: number }>("SELECT count(*) AS n FROM answers WHERE at >= ?", from)?.n ?? 0;
      const answersByPlatform = this.#all<{ platform: string; n: number }>(
        "SELECT platform, count(*) AS n FROM answers WHERE at >= ? GROUP BY platform",
        from,
      );
      const askedByPort = this.#all<{ port: number; n: number }>(
        `SELECT ap.port AS port, count(*) AS n
         FROM answers a JOIN answer_ports ap ON ap.answer_id = a.id
         WHERE a.at >= ? GROUP BY ap.port`,
        from,
      );
      const rated = this.#all<Omit<RatedAnswer, "ports"> & { ports: string }>(
        `SELECT x.id AS id, a.platform AS platform, a.query AS query, a.ports AS ports,
                x.helpful AS helpful, x.confusing AS confusing, x.notHelpful AS notHelpful
         FROM (SELECT answer_id AS id,
                      sum(rating = 'helpful') AS helpful,
                      sum(rating = 'confusing') AS confusing,
                      sum(rating = 'not-helpful') AS notHelpful
               FROM votes WHERE at >= ? GROUP BY answer_id) x
         JOIN answers a ON a.id = x.id`,
        from,
      );
      return buildStats(since, top, {
        answers,
        answersByPlatform,
        askedByPort,
        rated: rated.map((r) => ({ ...r, ports: JSON.parse(r.ports) as number[] })),
      });
    } finally {
      this.#db.exec("COMMIT");
    }
  }

  /** Inside a write: changes `who` made in the scope since `since` (adds and removals). */
  #changesSince(scope: NoteScope, who: string, since: number): number {
    const row = this.#get<{ n: number }>(
      `SELECT (SELECT count(*) FROM notes
                WHERE platform = ? AND workspace = ? AND author = ? AND created_at >= ?)
            + (SELECT count(*) FROM notes
                WHERE platform = ? AND workspace = ? AND removed_by = ? AND removed_at >= ?) AS n`,
      ...[scope.platform, scope.workspace, who, since],
      ...[scope.platform, scope.workspace, who, since],
    );
    return row?.n ?? 0;
  }

  async addNote(input: NoteInput, limits: NoteLimits): Promise<NoteChange> {
    const n = validNote(input);
    const l = validNoteLimits(limits);
    return this.#write((): NoteChange => {
      if (this.#changesSince(n, n.author, n.at.getTime() - l.windowMs) >= l.changes) {
        return { ok: false, reason: "rate-limited" };
      }
      const live = this.#get<{ n: number }>(
        `SELECT count(*) AS n FROM notes WHERE platform = ? AND workspace = ? AND first_port = ?
           AND last_port = ? AND protocol IS ? AND removed_at IS NULL`,
        ...[n.platform, n.workspace, n.first, n.last, n.protocol],
      );
      if ((live?.n ?? 0) >= l.perTarget) return { ok: false, reason: "full" };
      const row = this.#get<NoteRow>(
        `INSERT INTO notes (platform, workspace, first_port, last_port, protocol, text, author, author_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        ...[n.platform, n.workspace, n.first, n.last, n.protocol, n.text, n.author],
        ...[n.authorName, n.at.getTime()],
      );
      if (row === undefined) throw new Error("INSERT … RETURNING gave no row");
      return { ok: true, note: noteFromRow(row) };
    });
  }

  async removeNote(removal: NoteRemoval, limits: NoteLimits): Promise<NoteChange> {
    const r = validNoteRemoval(removal);
    const l = validNoteLimits(limits);
    return this.#write((): NoteChange => {
      if (this.#changesSince(r, r.by, r.at.getTime() - l.windowMs) >= l.changes) {
        return { ok: false, reason: "rate-limited" };
      }
      const row = this.#get<NoteRow>(
        `UPDATE notes SET removed_by = ?, removed_at = ?
         WHERE id = ? AND platform = ? AND workspace = ? AND removed_at IS NULL
           AND (? IS NULL OR (first_port = ? AND last_port = ? AND protocol IS ?))
         RETURNING *`,
        ...[r.by, r.at.getTime(), r.id, r.platform, r.workspace],
        ...[r.target === null ? null : 1, r.target?.first ?? null, r.target?.last ?? null],
        r.target?.protocol ?? null,
      );
      return row === undefined
        ? { ok: false, reason: "not-found" }
        : { ok: true, note: noteFromRow(row) };
    });
  }

  async listNotes(scope: NoteScope, options: { history?: boolean } = {}): Promise<NoteRecord[]> {
    const s = validNoteScope(scope);
    const rows = this.#all<NoteRow>(
      `SELECT * FROM notes WHERE platform = ? AND workspace = ?
         AND (? = 1 OR removed_at IS NULL) ORDER BY id`,
      s.platform,
      s.workspace,
      options.history === true ? 1 : 0,
    );
    return rows.map(noteFromRow);
  }

  async ping(): Promise<void> {
    this.#get("SELECT 1 AS one");
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
