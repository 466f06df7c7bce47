// Answer: the facts for one query, no wording. Its JSON form is what `portbot --json` prints.
import type {
  AssignmentStatus,
  Confidence,
  EphemeralRange,
  ExposureNote,
  PrivilegedPortRule,
  Prominence,
  Protocol,
  RangeName,
} from "./types.ts";

/** What IANA's notes say a reserved or unassigned port used to be ("De-assigned on …"). */
export interface FormerAssignment {
  /** The service name it had, when the registry says (2/tcp: compressnet). */
  service: string | null;
  /** When IANA de-assigned it (YYYY-MM-DD), when the registry says. */
  until: string | null;
}

export interface IanaAssignment {
  protocol: Protocol;
  service: string | null;
  /** Other service names IANA lists for the same port and protocol (42/tcp: name, nameserver). */
  aliases: string[];
  /** On one line (IANA's own has line breaks in ~180 rows); may be empty where IANA's is. */
  description: string;
  status: AssignmentStatus;
  /** The span of the registry row; differs from the port for range rows. */
  first: number;
  last: number;
  reference: string | null;
  assignee: string | null;
  contact: string | null;
  registered: string | null;
  modified: string | null;
  unauthorizedUse: string | null;
  /** The row's assignment notes, as IANA wrote them but on one line. */
  notes: string | null;
  /** Notes of the other rows for this port and protocol (2049: "<== NOTE Conflict on 2049 !"). */
  remarks: string[];
  /** Set when the port is no longer assigned and IANA says what it was. */
  formerly: FormerAssignment | null;
}

export interface UnofficialUseFact {
  name: string;
  description: string;
  protocols: Protocol[];
  confidence: Exclude<Confidence, "iana-assigned">;
  source: string;
  first: number;
  last: number;
  category: string;
  prominence: Prominence;
  /** 1 for the most likely use on this port (src/core/rank.ts), then 2, 3, … */
  rank: number;
}

export interface CheckCommand {
  platform: string;
  protocol: "tcp" | "udp";
  command: string;
  /** What this command shows that its neighbours do not, `{port}` filled in. */
  note: string;
}

export interface Link {
  label: string;
  url: string;
}

export interface PortFacts {
  port: number;
  /** Protocol the person asked about (`5432/udp`), or null for all. */
  protocol: Protocol | null;
  range: RangeName;
  iana: IanaAssignment[];
  /** Every curated use of the port, most likely first (`rank` 1, 2, …). */
  unofficial: UnofficialUseFact[];
  ephemeral: Pick<EphemeralRange, "system" | "first" | "last" | "setting" | "source" | "current">[];
  /** Why the port is worth guarding when exposed, where we have a sourced note. */
  exposure: ExposureNote[];
  /** Who may listen on it, per system: only for ports 1–1023. */
  privileged: PrivilegedPortRule[];
  checks: CheckCommand[];
  links: Link[];
}

export interface SearchMatch {
  first: number;
  last: number;
  protocols: Protocol[];
  name: string;
  description: string;
  confidence: Confidence;
  score: number;
}

export interface RangeSummary {
  first: number;
  last: number;
  /** The IANA ranges the span touches. */
  ranges: RangeName[];
  /** Distinct registry rows and curated uses inside the span, capped; `total` counts all. */
  assignments: SearchMatch[];
  total: number;
  /** Number of ports in the span with no IANA assignment on any protocol. */
  unassignedPorts: number;
  ephemeral: Pick<EphemeralRange, "system" | "first" | "last" | "current">[];
}

/** `notes`: the reply to a team-note command (src/core/notes/). */
export type AnswerKind =
  | "ports"
  | "range"
  | "search"
  | "help"
  | "stats"
  | "error"
  | "none"
  | "notes";

export interface AnswerError {
  code: string;
  message: string;
}

export interface Answer {
  query: string;
  kind: AnswerKind;
  /** One entry per port asked; for a name search, the matching ports, best first. */
  ports: PortFacts[];
  matches?: SearchMatch[];
  range?: RangeSummary;
  /** Set when a list was cut short: `shown` of `total`. */
  truncated?: { shown: number; total: number };
  error?: AnswerError;
  /** Parts of the query that were skipped while the rest was answered ("70000" in "22 70000"). */
  warnings?: AnswerError[];
}
