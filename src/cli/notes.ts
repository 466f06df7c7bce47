// `portbot notes import|export FILE.csv`: a team seeds its notes from the wiki table it already
// has, or takes them out again. Columns (a header row first, in any order):
//   port     9000, 9000/udp or 8000-8010 (required)
//   protocol tcp, udp, sctp or dccp; empty for every protocol (a port/udp in `port` also sets it)
//   note     the note itself (required; at most 300 characters)
//   author   who wrote it (default: the person running the import, $USER)
//   added    when, ISO 8601 (default: now)
// Export writes the same columns, and with --history also removed_by and removed_at.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { ConfigError, loadConfig } from "../config.ts";
import { parseNoteTarget } from "../core/notes/command.ts";
import { MAX_NOTES_PER_TARGET } from "../core/notes/model.ts";
import { targetText } from "../core/notes/wording.ts";
import { PROTOCOLS, type Protocol } from "../core/types.ts";
import type { FeedbackStore, NoteInput, NoteScope, Platform } from "../feedback/types.ts";
import type { CliIo, Subcommand } from "./io.ts";

export const NOTES_USAGE = `Usage:
  portbot notes import FILE.csv [--platform slack|discord|shell] [--workspace ID]
  portbot notes export FILE.csv [--platform …] [--workspace ID] [--history]
      Team notes in CSV, one note a row, with a header: port, protocol, note, author, added.
      port is 9000, 9000/udp or 8000-8010; protocol may be empty (every protocol); author and
      added (ISO 8601) are optional on import. --history also exports removed notes.
      --platform  whose notes: the Slack workspace or Discord guild given by --workspace
                  (T… or the guild id), or the terminal's (default: shell, workspace "local")
      Use - as FILE for standard input or output.

Notes live where the ratings do: PostgreSQL when DATABASE_URL is set, else $PORTBOT_DB.
`;

/** Imports are an operator's bulk action: the per-person rate limit does not apply to them. */
const IMPORT_LIMITS = {
  perTarget: MAX_NOTES_PER_TARGET,
  changes: Number.MAX_SAFE_INTEGER,
  windowMs: 1,
};

const PLATFORMS: readonly Platform[] = ["slack", "discord", "shell"];

interface Options {
  platform?: string;
  workspace?: string;
  history?: boolean;
  help?: boolean;
}

function usage(io: CliIo, problem: string): number {
  io.stderr(`portbot notes: ${problem}\n\n${NOTES_USAGE}`);
  return 2;
}

function scopeFrom(values: Options): NoteScope | string {
  const platform = values.platform ?? "shell";
  if (!PLATFORMS.includes(platform as Platform)) {
    return `--platform must be slack, discord or shell, not “${platform.slice(0, 20)}”`;
  }
  const workspace = values.workspace ?? (platform === "shell" ? "local" : undefined);
  if (workspace === undefined || workspace.trim() === "") {
    return `--workspace is needed with --platform ${platform} (the Slack team id or Discord guild id)`;
  }
  return { platform: platform as Platform, workspace: workspace.trim() };
}

type Row = Record<string, string | undefined>;

/** One CSV row → a note to add, or why it cannot be one. */
export function noteFromRow(
  row: Row,
  scope: NoteScope,
  author: string,
  now: Date,
): NoteInput | string {
  const target = parseNoteTarget((row.port ?? "").trim());
  if (target === null)
    return `port “${(row.port ?? "").slice(0, 20)}” is not a port, port/protocol or range`;
  const protocolText = (row.protocol ?? "").trim().toLowerCase();
  if (protocolText !== "" && !PROTOCOLS.includes(protocolText as Protocol)) {
    return `protocol “${protocolText.slice(0, 10)}” is not tcp, udp, sctp or dccp`;
  }
  const text = (row.note ?? "").trim();
  if (text === "") return "the note is empty";
  const added = (row.added ?? "").trim();
  const at = added === "" ? now : new Date(added);
  if (Number.isNaN(at.getTime())) return `added “${added.slice(0, 30)}” is not a date`;
  const protocol = protocolText === "" ? target.protocol : (protocolText as Protocol);
  // A wiki names people, not platform ids: the name is both who and how they are shown.
  const by = (row.author ?? "").trim() || author;
  return { ...scope, ...target, protocol, text, author: by, authorName: by, at };
}

async function importNotes(file: string, scope: NoteScope, store: FeedbackStore, io: CliIo) {
  const text = file === "-" ? await readStdin() : await readFile(file, "utf8");
  const rows = parse(text, {
    columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
    skip_empty_lines: true,
    bom: true,
  }) as Row[];
  const author = io.env.USER ?? io.env.USERNAME ?? "import";
  let added = 0;
  const problems: string[] = [];
  for (const [i, row] of rows.entries()) {
    const line = i + 2; // the header is line 1
    const note = noteFromRow(row, scope, author, new Date());
    if (typeof note === "string") {
      problems.push(`row ${line}: ${note}`);
      continue;
    }
    try {
      const change = await store.addNote(note, IMPORT_LIMITS);
      if (change.ok) added += 1;
      else
        problems.push(`row ${line}: ${targetText(note)} already has ${MAX_NOTES_PER_TARGET} notes`);
    } catch (error) {
      problems.push(`row ${line}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const p of problems) io.stderr(`portbot notes: ${p}\n`);
  io.stdout(
    `Imported ${added} of ${rows.length} notes into ${scope.platform} ${scope.workspace}.\n`,
  );
  return problems.length === 0 ? 0 : 1;
}

async function exportNotes(
  file: string,
  scope: NoteScope,
  history: boolean,
  store: FeedbackStore,
  io: CliIo,
) {
  const notes = await store.listNotes(scope, { history });
  const columns = [
    "port",
    "protocol",
    "note",
    "author",
    "added",
    ...(history ? ["removed_by", "removed_at"] : []),
  ];
  const records = notes.map((n) => [
    n.first === n.last ? String(n.first) : `${n.first}-${n.last}`,
    n.protocol ?? "",
    n.text,
    n.authorName ?? n.author,
    n.at.toISOString(),
    ...(history ? [n.removedBy ?? "", n.removedAt?.toISOString() ?? ""] : []),
  ]);
  const csv = stringify(records, { header: true, columns });
  if (file === "-") io.stdout(csv);
  else {
    await writeFile(file, csv);
    io.stderr(
      `Exported ${notes.length} notes of ${scope.platform} ${scope.workspace} to ${file}.\n`,
    );
  }
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export const runNotes: Subcommand = async (args, io) => {
  let parsed: { values: Options; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        platform: { type: "string" },
        workspace: { type: "string" },
        history: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    return usage(io, err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(NOTES_USAGE);
    return 0;
  }
  const [verb, file, ...extra] = positionals;
  if (verb !== "import" && verb !== "export") return usage(io, `unknown command “${verb ?? ""}”`);
  if (file === undefined || extra.length > 0) return usage(io, `${verb} takes one FILE.csv (or -)`);
  if (verb === "import" && values.history === true) return usage(io, "--history is for export");
  const scope = scopeFrom(values);
  if (typeof scope === "string") return usage(io, scope);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError) return usage(io, err.message);
    throw err;
  }
  const { openFeedbackStore } = await import("../feedback/open.ts");
  const where = config.databaseUrl !== null ? "PostgreSQL (DATABASE_URL)" : config.sqlitePath;
  try {
    const store = await openFeedbackStore(config);
    try {
      return verb === "import"
        ? await importNotes(file, scope, store, io)
        : await exportNotes(file, scope, values.history === true, store, io);
    } finally {
      await store.close();
    }
  } catch (err) {
    io.stderr(
      `portbot notes: cannot ${verb} the notes in ${where}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
};
