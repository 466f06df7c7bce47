// `portbot stats [--json] [--since 7d|24h|30m|2w|2026-01-01] [--top N]`: how helpful the answers
// have been, read from the feedback store the bot writes (PostgreSQL with DATABASE_URL, else the
// SQLite file at PORTBOT_DB). Text wording comes from the core, as in `/port stats`.
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.ts";
import type { FeedbackStats } from "../core/stats-model.ts";
import type { CliIo, Subcommand } from "./io.ts";

export const STATS_USAGE = `Usage:
  portbot stats [--json] [--since 7d|24h|30m|2w|2026-01-01] [--top N]
      How helpful portbot's answers have been: ratings overall, per platform, for the most-asked
      ports, and the answers rated not helpful most often.
      --since   only answers and votes in this window: a duration back from now (30m, 24h, 7d, 2w)
                or a date or time (2026-01-01, 2026-01-01T12:00Z; a date alone is UTC midnight)
      --top     rows per list (default 10)
      --json    the figures as JSON, dates as ISO 8601 strings

Ratings live in PostgreSQL when DATABASE_URL is set, else in the SQLite file $PORTBOT_DB
(default <data dir>/feedback.db).
`;

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `--since` → the start of the window, or null when the text is not one. */
export function parseSince(text: string, now: Date = new Date()): Date | null {
  const t = text.trim();
  const rel = /^(\d{1,6})\s*([mhdw])$/i.exec(t);
  if (rel !== null) {
    const unit = UNIT_MS[(rel[2] ?? "").toLowerCase()];
    if (unit === undefined) return null;
    return new Date(now.getTime() - Number(rel[1]) * unit);
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day !== null) {
    const d = new Date(`${t}T00:00:00Z`);
    // new Date rolls 2026-02-31 over to March; refuse instead.
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== t ? null : d;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function usageError(io: CliIo, problem: string): number {
  io.stderr(`portbot stats: ${problem}\n\n${STATS_USAGE}`);
  return 2;
}

export const runStats: Subcommand = async (args, io) => {
  let values: { json?: boolean; since?: string; top?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        json: { type: "boolean" },
        since: { type: "string" },
        top: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  if (values.help === true) {
    io.stdout(STATS_USAGE);
    return 0;
  }
  let since: Date | undefined;
  if (values.since !== undefined) {
    const parsed = parseSince(values.since);
    if (parsed === null) {
      return usageError(
        io,
        `--since “${values.since.slice(0, 40)}” is not a window: use a duration (30m, 24h, 7d, 2w) or a date (2026-01-01)`,
      );
    }
    since = parsed;
  }
  let top: number | undefined;
  if (values.top !== undefined) {
    top = Number(values.top);
    if (!/^\d+$/.test(values.top.trim()) || top < 1 || top > 1000) {
      return usageError(io, "--top must be a whole number from 1 to 1000");
    }
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`portbot stats: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  const { openFeedbackStore } = await import("../feedback/open.ts");
  // Where the ratings are, without the URL itself: it may carry a password.
  const where = config.databaseUrl !== null ? "PostgreSQL (DATABASE_URL)" : config.sqlitePath;
  let stats: FeedbackStats;
  try {
    const store = await openFeedbackStore(config);
    try {
      stats = await store.stats({ since, top });
    } finally {
      await store.close();
    }
  } catch (err) {
    io.stderr(
      `portbot stats: cannot read the ratings in ${where}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }

  if (values.json === true) {
    // `kind` as in every other --json answer; dates serialise as ISO 8601 strings (Date#toJSON).
    io.stdout(`${JSON.stringify({ kind: "stats", ...stats }, null, 2)}\n`);
    return 0;
  }
  const { statsReply } = await import("../core/reply.ts");
  const { terminalText } = await import("./render.ts");
  const color = io.isTTY && !io.env.NO_COLOR;
  io.stdout(await terminalText(statsReply(stats), color, io));
  return 0;
};
