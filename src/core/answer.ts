// Query → Answer: gathers the facts; no wording here except error messages (from wording.ts).
import type {
  Answer,
  CheckCommand,
  IanaAssignment,
  Link,
  PortFacts,
  RangeSummary,
  SearchMatch,
} from "./answer-model.ts";
import { type PortRequest, parseQuery, type Query } from "./query.ts";
import { rangeOf, rangesTouched } from "./ranges.ts";
import type { PortSearch } from "./search.ts";
import {
  type IanaRecord,
  type Knowledge,
  PROTOCOLS,
  type Protocol,
  type Registry,
} from "./types.ts";
import { invalidMessage, warningFor } from "./wording.ts";

export const MAX_SEARCH_MATCHES = 10;
export const MAX_SEARCH_PORTS = 5;
export const MAX_RANGE_ASSIGNMENTS = 12;

export const IANA_SEARCH_URL =
  "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=";

export interface AnswerDeps {
  registry: Registry;
  knowledge: Knowledge;
  /** Built on first use: a numeric lookup (the CLI's common case) never pays for the index. */
  search(): PortSearch;
}

/** `[RFC6335]` → rfc-editor link; other references are kept as text by the reply. */
export function referenceLinks(reference: string | null): Link[] {
  if (reference === null) return [];
  const links: Link[] = [];
  for (const m of reference.matchAll(/RFC\s?(\d{1,5})/giu)) {
    const url = `https://www.rfc-editor.org/rfc/rfc${m[1]}`;
    if (!links.some((l) => l.url === url)) links.push({ label: `RFC ${m[1]}`, url });
  }
  return links;
}

function assignmentsFor(port: number, records: IanaRecord[]): IanaAssignment[] {
  return PROTOCOLS.map((protocol): IanaAssignment => {
    const rows = records.filter((r) => r.protocol === protocol);
    // Prefer an assignment over a reserved or unassigned row for the same protocol.
    const main =
      rows.find((r) => r.status === "assigned") ??
      rows.find((r) => r.status === "reserved") ??
      rows[0];
    if (main === undefined) {
      return {
        protocol,
        service: null,
        aliases: [],
        description: "Unassigned",
        status: "unassigned",
        first: port,
        last: port,
        reference: null,
        assignee: null,
        contact: null,
        registered: null,
        modified: null,
        unauthorizedUse: null,
        notes: null,
      };
    }
    const aliases = rows
      .filter((r) => r !== main && r.status === main.status && r.service !== null)
      .map((r) => r.service as string)
      .filter((s, i, all) => s !== main.service && all.indexOf(s) === i);
    return {
      protocol,
      service: main.service,
      aliases,
      description: main.description,
      status: main.status,
      first: main.first,
      last: main.last,
      reference: main.reference,
      assignee: main.assignee,
      contact: main.contact,
      registered: main.registered,
      modified: main.modified,
      unauthorizedUse: main.unauthorizedUse,
      notes: main.notes,
    };
  });
}

function checksFor(
  port: number,
  protocols: ("tcp" | "udp")[],
  knowledge: Knowledge,
): CheckCommand[] {
  return knowledge.checks
    .filter((c) => protocols.includes(c.protocol))
    .map((c) => ({
      platform: c.platform,
      protocol: c.protocol,
      command: c.command.replaceAll("{port}", String(port)).replaceAll("{host}", "localhost"),
      note: c.note,
    }));
}

export function portFacts(req: PortRequest, deps: AnswerDeps): PortFacts {
  const { port, protocol } = req;
  const records = deps.registry.recordsFor(port);
  let iana = assignmentsFor(port, records);
  if (protocol !== null) iana = iana.filter((a) => a.protocol === protocol);
  const unofficial = deps.knowledge.unofficial
    .filter((u) => u.first <= port && u.last >= port)
    .filter((u) => protocol === null || u.protocols.includes(protocol))
    // Single-port uses before broad ranges: 60000-61000 Mosh says more than 49152-65535.
    .sort((a, b) => a.last - a.first - (b.last - b.first))
    .map((u) => ({
      name: u.name,
      description: u.description,
      protocols: [...u.protocols],
      confidence: u.confidence,
      source: u.source,
      first: u.first,
      last: u.last,
    }));
  const ephemeral = deps.knowledge.ephemeral
    .filter((e) => e.first <= port && e.last >= port)
    .map((e) => ({
      system: e.system,
      first: e.first,
      last: e.last,
      setting: e.setting,
      source: e.source,
    }));
  const usesUdp =
    iana.some((a) => a.protocol === "udp" && a.status === "assigned") ||
    unofficial.some((u) => u.protocols.includes("udp"));
  const checkProtocols: ("tcp" | "udp")[] =
    protocol === "udp"
      ? ["udp"]
      : protocol === "tcp"
        ? ["tcp"]
        : usesUdp || protocol !== null
          ? ["tcp", "udp"]
          : ["tcp"];
  const links: Link[] = [
    { label: `IANA registry entry for ${port}`, url: `${IANA_SEARCH_URL}${port}` },
  ];
  for (const a of iana) {
    for (const l of referenceLinks(a.reference)) {
      if (!links.some((x) => x.url === l.url)) links.push(l);
    }
  }
  return {
    port,
    protocol,
    range: rangeOf(port),
    iana,
    unofficial,
    ephemeral,
    checks: checksFor(port, checkProtocols, deps.knowledge),
    links,
  };
}

function rangeSummary(
  first: number,
  last: number,
  protocol: Protocol | null,
  deps: AnswerDeps,
): RangeSummary {
  // One match per registry row (service and span), protocols merged: x11 6000–6063 tcp/udp.
  const byRow = new Map<string, SearchMatch>();
  let unassignedPorts = 0;
  for (let port = first; port <= last; port++) {
    const assigned = deps.registry
      .recordsFor(port)
      .filter((r) => r.status === "assigned" && (protocol === null || r.protocol === protocol));
    if (assigned.length === 0) unassignedPorts++;
    for (const r of assigned) {
      const key = `${r.service ?? ""}\u0000${r.first}\u0000${r.last}`;
      const existing = byRow.get(key);
      if (existing === undefined) {
        byRow.set(key, {
          first: r.first,
          last: r.last,
          protocols: r.protocol === null ? [] : [r.protocol],
          name: r.service ?? "",
          description: r.description,
          confidence: "iana-assigned",
          score: 0,
        });
      } else if (r.protocol !== null && !existing.protocols.includes(r.protocol)) {
        existing.protocols.push(r.protocol);
      }
    }
  }
  const matches = [...byRow.values()];
  for (const u of deps.knowledge.unofficial) {
    if (u.first > last || u.last < first) continue;
    if (protocol !== null && !u.protocols.includes(protocol)) continue;
    matches.push({
      first: u.first,
      last: u.last,
      protocols: [...u.protocols],
      name: u.name,
      description: u.description,
      confidence: u.confidence,
      score: 0,
    });
  }
  // Rows that cover the most of the asked span first (x11 for 6000-6063), then by port.
  const overlap = (m: SearchMatch) => Math.min(m.last, last) - Math.max(m.first, first);
  matches.sort((a, b) => overlap(b) - overlap(a) || a.first - b.first);
  return {
    first,
    last,
    ranges: rangesTouched(first, last),
    assignments: matches.slice(0, MAX_RANGE_ASSIGNMENTS),
    total: matches.length,
    unassignedPorts,
    ephemeral: deps.knowledge.ephemeral
      .filter((e) => e.first <= last && e.last >= first)
      .map((e) => ({ system: e.system, first: e.first, last: e.last })),
  };
}

export function answerQuery(query: Query, deps: AnswerDeps): Answer {
  const base = { query: query.text };
  switch (query.kind) {
    case "help":
      return { ...base, kind: "help", ports: [] };
    case "stats":
      return { ...base, kind: "stats", ports: [] };
    case "invalid":
      return {
        ...base,
        kind: "error",
        ports: [],
        error: { code: query.reason.code, message: invalidMessage(query.reason) },
      };
    case "ports": {
      const answer: Answer = {
        ...base,
        kind: "ports",
        ports: query.ports.map((p) => portFacts(p, deps)),
      };
      if (query.total > query.ports.length) {
        answer.truncated = { shown: query.ports.length, total: query.total };
      }
      if (query.skipped.length > 0) answer.warnings = query.skipped.map(warningFor);
      return answer;
    }
    case "range": {
      const answer: Answer = {
        ...base,
        kind: "range",
        ports: [],
        range: rangeSummary(query.first, query.last, query.protocol, deps),
      };
      if (query.skipped.length > 0) answer.warnings = query.skipped.map(warningFor);
      return answer;
    }
    case "search": {
      const all = deps.search().search(query.term, 50);
      if (all.length === 0) {
        return {
          ...base,
          kind: "none",
          ports: [],
          matches: [],
          error: {
            code: "no-match",
            message: invalidMessage({ code: "unrecognised", text: query.term }, true),
          },
        };
      }
      const ports: number[] = [];
      for (const m of all) {
        if (!ports.includes(m.first)) ports.push(m.first);
        if (ports.length >= MAX_SEARCH_PORTS) break;
      }
      const answer: Answer = {
        ...base,
        kind: "search",
        ports: ports.map((port) => portFacts({ port, protocol: null }, deps)),
        matches: all.slice(0, MAX_SEARCH_MATCHES),
      };
      if (all.length > MAX_SEARCH_MATCHES) {
        answer.truncated = { shown: MAX_SEARCH_MATCHES, total: all.length };
      }
      return answer;
    }
  }
}

export function answerText(text: string, deps: AnswerDeps): Answer {
  return answerQuery(parseQuery(text), deps);
}
