// The pre-parsed cache `portbot data update` writes next to the downloaded CSV. Parsing IANA's CSV
// takes ~80–170 ms; this compact JSON (one array per record) loads in a fraction of that. It is
// derived data: never committed, rebuilt by every update, and distrusted on load (a damaged cache
// is reported, never fatal).
import type { AssignmentStatus, IanaRecord, Protocol } from "../types.ts";
import type { CsvParseReport } from "./csv.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { join } = process.getBuiltinModule("node:path");

export const CSV_FILE = "iana-service-names-port-numbers.csv";
export const CACHE_FILE = "iana-registry.json";
export const CACHE_FORMAT = "portbot-iana-registry";
export const CACHE_VERSION = 1;

export function csvPathIn(dataDir: string): string {
  return join(dataDir, CSV_FILE);
}

export function cachePathIn(dataDir: string): string {
  return join(dataDir, CACHE_FILE);
}

/** Where the cached data came from; shown by `portbot data status`. */
export interface CacheMeta {
  /** URL or file path given to `data update`. */
  fetchedFrom: string;
  /** ISO time of the update. */
  fetchedAt: string;
  /** sha256 (hex) of the stored CSV. */
  sha256: string;
  /** Newest registration/modification date in the file. */
  updated: string | null;
  report: CsvParseReport;
}

type Row = [
  string | null,
  number,
  number,
  Protocol | null,
  string,
  AssignmentStatus,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];

interface CacheFile extends CacheMeta {
  format: typeof CACHE_FORMAT;
  version: typeof CACHE_VERSION;
  records: Row[];
}

export function serializeCache(meta: CacheMeta, records: readonly IanaRecord[]): string {
  const file: CacheFile = {
    format: CACHE_FORMAT,
    version: CACHE_VERSION,
    ...meta,
    records: records.map((r) => [
      r.service,
      r.first,
      r.last,
      r.protocol,
      r.description,
      r.status,
      r.assignee,
      r.contact,
      r.registered,
      r.modified,
      r.reference,
      r.serviceCode,
      r.unauthorizedUse,
      r.notes,
    ]),
  };
  return JSON.stringify(file);
}

const PROTOCOLS: ReadonlySet<unknown> = new Set(["tcp", "udp", "sctp", "dccp", null]);
const STATUSES: ReadonlySet<unknown> = new Set(["assigned", "reserved", "unassigned"]);

function strOrNull(v: unknown): v is string | null {
  return v === null || typeof v === "string";
}

function isPort(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 65535;
}

/** Parses and checks a cache file; throws an Error saying what is wrong with it. */
export function parseCache(text: string): { meta: CacheMeta; records: IanaRecord[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const f = data as Partial<CacheFile> | null;
  if (typeof f !== "object" || f === null || f.format !== CACHE_FORMAT) {
    throw new Error("not a portbot registry cache");
  }
  if (f.version !== CACHE_VERSION) {
    throw new Error(
      `cache format version ${String(f.version)}, this portbot reads ${CACHE_VERSION}`,
    );
  }
  if (
    !Array.isArray(f.records) ||
    typeof f.fetchedFrom !== "string" ||
    typeof f.fetchedAt !== "string" ||
    typeof f.sha256 !== "string" ||
    !strOrNull(f.updated) ||
    typeof f.report !== "object" ||
    f.report === null
  ) {
    throw new Error("cache metadata is missing or malformed");
  }
  const rows = f.records as unknown[];
  const records: IanaRecord[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (
      !Array.isArray(r) ||
      r.length !== 14 ||
      !strOrNull(r[0]) ||
      !isPort(r[1]) ||
      !isPort(r[2]) ||
      r[1] > r[2] ||
      !PROTOCOLS.has(r[3]) ||
      typeof r[4] !== "string" ||
      !STATUSES.has(r[5]) ||
      !strOrNull(r[6]) ||
      !strOrNull(r[7]) ||
      !strOrNull(r[8]) ||
      !strOrNull(r[9]) ||
      !strOrNull(r[10]) ||
      !strOrNull(r[11]) ||
      !strOrNull(r[12]) ||
      !strOrNull(r[13])
    ) {
      throw new Error(`record ${i} is malformed`);
    }
    const row = r as Row;
    records[i] = {
      service: row[0],
      first: row[1],
      last: row[2],
      protocol: row[3],
      description: row[4],
      status: row[5],
      assignee: row[6],
      contact: row[7],
      registered: row[8],
      modified: row[9],
      reference: row[10],
      serviceCode: row[11],
      unauthorizedUse: row[12],
      notes: row[13],
    };
  }
  const meta: CacheMeta = {
    fetchedFrom: f.fetchedFrom,
    fetchedAt: f.fetchedAt,
    sha256: f.sha256,
    updated: f.updated ?? null,
    report: f.report,
  };
  return { meta, records };
}
