// Query → Answer: gathers the facts; no wording here except error messages (from wording.ts).
import type {
  Answer,
  CheckCommand,
  FormerAssignment,
  IanaAssignment,
  Link,
  PortFacts,
  RangeSummary,
  SearchMatch,
  UnofficialUseFact,
} from "./answer-model.ts";
import { type PortRequest, parseQuery, type Query } from "./query.ts";
import { rangeOf, rangesTouched } from "./ranges.ts";
import { rankUses } from "./rank.ts";
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

/** What `{host}` becomes in a check run from another machine: the reader puts in the address. */
export const HOST_PLACEHOLDER = "<host>";

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

/** IANA's text on one line: ~180 descriptions and many notes have line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

const orOneLine = (text: string | null) => (text === null ? null : oneLine(text));

/** Reserved or unassigned rows whose notes (or description) say what the port used to be. */
export function formerAssignment(record: IanaRecord): FormerAssignment | null {
  if (record.status === "assigned") return null;
  const text = oneLine(`${record.description} ${record.notes ?? ""}`);
  const until = /de-?assigned on (\d{4}-\d{2}-\d{2})/i.exec(text)?.[1] ?? null;
  const service =
    /previously ([a-z0-9][\w.+-]*) by\b/i.exec(text)?.[1] ??
    /historic usage was ([a-z0-9][\w.+-]*)/i.exec(text)?.[1] ??
    /\[was ([a-z0-9][\w.+-]*)\]/i.exec(text)?.[1] ??
    null;
  // "Historic usage was surfpass. De-Assigned on …": the sentence's full stop is not the name's.
  const name = service?.replace(/\.+$/u, "") ?? null;
  return until === null && name === null ? null : { service: name, until };
}

const STATUS_ORDER = { assigned: 0, reserved: 1, unassigned: 2 } as const;

/**
 * The row that speaks for a port and protocol: an assignment before a reserved or unassigned row;
 * among assignments, a named one with a description (2049: nfs, not shilp with its conflict note);
 * a row for the protocol before one IANA lists without a protocol; then registry order.
 */
function mainRow(rows: IanaRecord[]): IanaRecord | undefined {
  const score = (r: IanaRecord) => [
    STATUS_ORDER[r.status],
    r.service === null ? 1 : 0,
    r.description.trim() === "" ? 1 : 0,
    r.protocol === null ? 1 : 0,
  ];
  let best: IanaRecord | undefined;
  let bestScore: number[] = [];
  for (const r of rows) {
    const sc = score(r);
    // Lexicographic: the first differing criterion decides; ties keep registry order.
    const i = sc.findIndex((v, j) => v !== bestScore[j]);
    if (best === undefined || (i !== -1 && (sc[i] ?? 0) < (bestScore[i] ?? 0))) {
      best = r;
      bestScore = sc;
    }
  }
  return best;
}

function assignmentsFor(port: number, records: IanaRecord[]): IanaAssignment[] {
  return PROTOCOLS.map((protocol): IanaAssignment => {
    // Rows IANA lists without a protocol (49151 Reserved, 4200-4299 vrml-multi-use) cover all.
    const rows = records.filter((r) => r.protocol === protocol || r.protocol === null);
    const main = mainRow(rows);
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
        remarks: [],
        formerly: null,
      };
    }
    const aliases = rows
      .filter((r) => r !== main && r.status === main.status && r.service !== null)
      .map((r) => r.service as string)
      .filter((s, i, all) => s !== main.service && all.indexOf(s) === i);
    const notes = orOneLine(main.notes);
    const remarks = rows
      .filter((r) => r !== main && r.notes !== null)
      .map((r) => oneLine(r.notes as string))
      .filter((n, i, all) => n !== "" && n !== notes && all.indexOf(n) === i);
    return {
      protocol,
      service: main.service,
      aliases,
      description: oneLine(main.description),
      status: main.status,
      first: main.first,
      last: main.last,
      reference: orOneLine(main.reference),
      assignee: orOneLine(main.assignee),
      contact: orOneLine(main.contact),
      registered: main.registered,
      modified: main.modified,
      unauthorizedUse: orOneLine(main.unauthorizedUse),
      notes,
      remarks,
      formerly: formerAssignment(main),
    };
  });
}

function checksFor(
  port: number,
  protocols: ("tcp" | "udp")[],
  knowledge: Knowledge,
): CheckCommand[] {
  const fill = (s: string) =>
    s.replaceAll("{port}", String(port)).replaceAll("{host}", HOST_PLACEHOLDER);
  return knowledge.checks
    .filter((c) => protocols.includes(c.protocol))
    .map((c) => ({
      platform: c.platform,
      protocol: c.protocol,
      command: fill(c.command),
      note: fill(c.note),
      finds: c.finds,
      brief: fill(c.brief),
    }));
}

export function portFacts(req: PortRequest, deps: AnswerDeps): PortFacts {
  const { port, protocol } = req;
  const records = deps.registry.recordsFor(port);
  let iana = assignmentsFor(port, records);
  if (protocol !== null) iana = iana.filter((a) => a.protocol === protocol);
  const unofficial = rankUses(
    port,
    deps.knowledge.unofficial.filter((u) => protocol === null || u.protocols.includes(protocol)),
  ).map(
    (u, i): UnofficialUseFact => ({
      name: u.name,
      description: u.description,
      protocols: [...u.protocols],
      confidence: u.confidence,
      source: u.source,
      first: u.first,
      last: u.last,
      category: u.category,
      prominence: u.prominence,
      rank: i + 1,
    }),
  );
  const ephemeral = deps.knowledge.ephemeral
    .filter((e) => e.first <= port && e.last >= port)
    .map((e) => ({
      system: e.system,
      first: e.first,
      last: e.last,
      setting: e.setting,
      source: e.source,
      current: e.current,
    }));
  const exposure = deps.knowledge.exposure
    .filter((x) => x.first <= port && port <= x.last)
    .filter((x) => protocol === null || x.protocols.includes(protocol))
    .map((x) => ({ ...x, protocols: [...x.protocols] }));
  const privileged =
    port >= 1 && port <= 1023 ? deps.knowledge.privileged.map((r) => ({ ...r })) : [];
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
    exposure,
    privileged,
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
      .map((e) => ({ system: e.system, first: e.first, last: e.last, current: e.current })),
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
