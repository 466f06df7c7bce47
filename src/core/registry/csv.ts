// IANA's service-names-port-numbers.csv → IanaRecords. RFC 4180 parsing is csv-parse's job; this
// module decides what each row means and whether the file as a whole can be trusted.
import { type AssignmentStatus, type IanaRecord, MAX_PORT, type Protocol } from "../types.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { createRequire } = process.getBuiltinModule("node:module");

// csv-parse is loaded on first use: a start on the cache or the default data never parses CSV, and
// the CLI's cold start is budgeted.
type CsvParse = typeof import("csv-parse/sync");
let csvParse: CsvParse | null = null;
function csv(): CsvParse {
  csvParse ??= createRequire(import.meta.url)("csv-parse/sync") as CsvParse;
  return csvParse;
}
const parse: CsvParse["parse"] = ((...args: Parameters<CsvParse["parse"]>) =>
  csv().parse(...args)) as CsvParse["parse"];

export const IANA_CSV_HEADER = [
  "Service Name",
  "Port Number",
  "Transport Protocol",
  "Description",
  "Assignee",
  "Contact",
  "Registration Date",
  "Modification Date",
  "Reference",
  "Service Code",
  "Unauthorized Use Reported",
  "Assignment Notes",
] as const;

/** A real registry has ~13,400 records with a port; anything far smaller is a partial file. */
export const MIN_RECORDS = 5000;

/** Rows every genuine registry has; their absence means the file is not (all of) IANA's. */
export const SANITY_ROWS: readonly { port: number; protocol: Protocol; service: string }[] = [
  { port: 22, protocol: "tcp", service: "ssh" },
  { port: 80, protocol: "tcp", service: "http" },
  { port: 443, protocol: "tcp", service: "https" },
];

export type SkipReason =
  | "service-name-only"
  | "invalid-port"
  | "port-out-of-range"
  | "inverted-range"
  | "invalid-protocol";

export interface CsvParseReport {
  /** Data rows in the file (the header excluded): kept + every skipped row. */
  totalRows: number;
  /** Rows that became records (they have a port). */
  kept: number;
  /** Rows not kept, by reason. service-name-only rows are normal (1,056 in the 2026 file). */
  skipped: Record<SkipReason, number>;
  /** The first few rows skipped for a reason other than service-name-only, for the admin. */
  examples: string[];
}

export interface CsvParseResult {
  records: IanaRecord[];
  report: CsvParseReport;
  /** Newest registration or modification date in the file (YYYY[-MM[-DD]]), or null. */
  updated: string | null;
}

/** The file is not a usable IANA registry; `message` says why in words an admin can act on. */
export class RegistryFormatError extends Error {
  override name = "RegistryFormatError";
}

const PROTOCOL_SET: ReadonlySet<string> = new Set<Protocol>(["tcp", "udp", "sctp", "dccp"]);
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const PORT = /^(\d{1,6})(?:-(\d{1,6}))?$/;
const MAX_EXAMPLES = 5;

/** Trimmed field, CRLF inside quoted fields folded to LF so both file variants give equal records. */
function field(row: readonly string[], i: number): string {
  const v = row[i] ?? "";
  return (v.includes("\r") ? v.replace(/\r\n?/g, "\n") : v).trim();
}

function orNull(v: string): string | null {
  return v === "" ? null : v;
}

/**
 * What a row says about its port. A named row is an assignment. Nameless rows are IANA's
 * "Reserved" / "Unassigned" markers, plus de-registered / removed ones (no longer assigned), plus a
 * few historical rows with an assignee but no name ("any private mail system"), which are assigned.
 */
export function statusOf(
  service: string | null,
  description: string,
  assignee: string | null,
): AssignmentStatus {
  if (service !== null) return "assigned";
  if (/^reserved\b/i.test(description)) return "reserved";
  if (/^\(?unassigned\b/i.test(description)) return "unassigned";
  if (
    /^(?:de-?registered|removed|deprecated|de-?commissioned|decomm?issioned)\b/i.test(description)
  ) {
    return "unassigned";
  }
  return assignee !== null ? "assigned" : "unassigned";
}

function describeCsvError(err: unknown): string {
  if (err instanceof csv().CsvError) {
    if (err.code === "CSV_QUOTE_NOT_CLOSED") {
      return "the file ends inside a quoted field, so it was cut off (truncated download?)";
    }
    if (err.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
      return `a row does not have the 12 columns of the header (${err.message}); the file is damaged or truncated`;
    }
    return `it is not valid CSV (${err.message})`;
  }
  return `it could not be parsed (${err instanceof Error ? err.message : String(err)})`;
}

function checkHeader(text: string): void {
  const firstLine = text.slice(0, Math.min(text.length, 2000)).split(/\r?\n/, 1)[0] ?? "";
  let header: string[] | undefined;
  try {
    const rows: string[][] = parse(firstLine, { bom: true, relax_quotes: true });
    header = rows[0];
  } catch {
    header = undefined;
  }
  const got = (header ?? []).map((h) => h.trim().toLowerCase());
  const ok =
    got.length === IANA_CSV_HEADER.length &&
    IANA_CSV_HEADER.every((name, i) => got[i] === name.toLowerCase());
  if (!ok) {
    const shown = firstLine.replace(/^\uFEFF/, "").slice(0, 80);
    throw new RegistryFormatError(
      text.trim() === ""
        ? "Not IANA's port registry: the file is empty."
        : `Not IANA's port registry: the first line should be the 12-column header "Service Name,Port Number,…", got "${shown}".`,
    );
  }
}

/** One CSV row → a record, or why it is skipped. */
function recordOf(
  row: readonly string[],
  registered: string | null,
  modified: string | null,
): IanaRecord | SkipReason {
  const portText = field(row, 1);
  if (portText === "") return "service-name-only";
  const m = PORT.exec(portText);
  if (m === null) return "invalid-port";
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (last > MAX_PORT) return "port-out-of-range";
  if (first > last) return "inverted-range";
  const protoText = field(row, 2).toLowerCase();
  if (protoText !== "" && !PROTOCOL_SET.has(protoText)) return "invalid-protocol";
  const service = orNull(field(row, 0));
  const description = field(row, 3);
  const assignee = orNull(field(row, 4));
  return {
    service,
    first,
    last,
    protocol: protoText === "" ? null : (protoText as Protocol),
    description,
    status: statusOf(service, description, assignee),
    assignee,
    contact: orNull(field(row, 5)),
    registered,
    modified,
    reference: orNull(field(row, 8)),
    serviceCode: orNull(field(row, 9)),
    unauthorizedUse: orNull(field(row, 10)),
    notes: orNull(field(row, 11)),
  };
}

/**
 * Parses the whole file. Throws RegistryFormatError when the header is not IANA's or the CSV is
 * structurally broken (unclosed quote, wrong column count). Does not judge completeness: see
 * checkIanaCsv.
 */
export function parseIanaCsv(text: string): CsvParseResult {
  checkHeader(text);
  let rows: string[][];
  try {
    // From line 1, so csv-parse holds every row to the header's 12 columns; then drop the header.
    rows = parse(text, { bom: true, skip_empty_lines: true });
    rows.shift();
  } catch (err) {
    throw new RegistryFormatError(`Not a usable IANA registry: ${describeCsvError(err)}.`);
  }

  const records: IanaRecord[] = [];
  const skipped: Record<SkipReason, number> = {
    "service-name-only": 0,
    "invalid-port": 0,
    "port-out-of-range": 0,
    "inverted-range": 0,
    "invalid-protocol": 0,
  };
  const examples: string[] = [];
  const skip = (reason: SkipReason, row: readonly string[]) => {
    skipped[reason]++;
    if (reason !== "service-name-only" && examples.length < MAX_EXAMPLES) {
      examples.push(`${reason}: ${row.slice(0, 3).join(",")}`);
    }
  };
  let updated: string | null = null;

  for (const row of rows) {
    // Dates count from every row: new service-name-only registrations are news too.
    const registered = orNull(field(row, 6));
    const modified = orNull(field(row, 7));
    for (const d of [registered, modified]) {
      if (d !== null && DATE.test(d) && (updated === null || d > updated)) updated = d;
    }
    const record = recordOf(row, registered, modified);
    if (typeof record === "string") skip(record, row);
    else records.push(record);
  }

  return {
    records,
    report: { totalRows: rows.length, kept: records.length, skipped, examples },
    updated,
  };
}

/**
 * Is this a complete registry? Returns the reason it is not, or null. A cut-off download usually
 * fails parseIanaCsv (unclosed quote / short row); one cut exactly at a line end is caught here.
 */
export function checkIanaCsv(
  result: CsvParseResult,
  options: { minRecords?: number } = {},
): string | null {
  const minRecords = options.minRecords ?? MIN_RECORDS;
  const { records, report } = result;
  if (records.length < minRecords) {
    return `Only ${records.length} records with a port (a complete registry has over ${minRecords}); the file looks truncated.`;
  }
  const missing = SANITY_ROWS.filter(
    (s) =>
      !records.some(
        (r) => r.first === s.port && r.protocol === s.protocol && r.service === s.service,
      ),
  );
  if (missing.length > 0) {
    const names = missing.map((s) => `${s.port}/${s.protocol} ${s.service}`).join(", ");
    return `The file lacks rows every IANA registry has (${names}); it is not (all of) IANA's registry.`;
  }
  const invalid = report.totalRows - report.kept - report.skipped["service-name-only"];
  if (invalid > report.totalRows / 100) {
    return `${invalid} of ${report.totalRows} rows have an unreadable port or protocol (e.g. ${report.examples.join("; ")}).`;
  }
  return null;
}

/** parseIanaCsv + checkIanaCsv: the result, or a RegistryFormatError saying why the file is unusable. */
export function readIanaCsv(text: string, options: { minRecords?: number } = {}): CsvParseResult {
  const result = parseIanaCsv(text);
  const problem = checkIanaCsv(result, options);
  if (problem !== null) throw new RegistryFormatError(problem);
  return result;
}
