// Answer: the facts for one query, no wording. Its JSON form is what `portbot --json` prints.
import type { AssignmentStatus, Confidence, EphemeralRange, Protocol, RangeName } from "./types.ts";

export interface IanaAssignment {
  protocol: Protocol;
  service: string | null;
  /** Other service names IANA lists for the same port and protocol (42/tcp: name, nameserver). */
  aliases: string[];
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
  notes: string | null;
}

export interface UnofficialUseFact {
  name: string;
  description: string;
  protocols: Protocol[];
  confidence: Exclude<Confidence, "iana-assigned">;
  source: string;
  first: number;
  last: number;
}

export interface CheckCommand {
  platform: string;
  protocol: "tcp" | "udp";
  command: string;
  note: string | null;
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
  unofficial: UnofficialUseFact[];
  ephemeral: Pick<EphemeralRange, "system" | "first" | "last" | "setting" | "source">[];
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
  ephemeral: Pick<EphemeralRange, "system" | "first" | "last">[];
}

export type AnswerKind = "ports" | "range" | "search" | "help" | "stats" | "error" | "none";

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
