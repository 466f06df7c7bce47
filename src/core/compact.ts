// The compact answer for one port, as a colleague would give it: the most likely thing on it,
// one sentence on what that means, the top uses and the two commands that tell. Facts in, a
// summary with its words out; reply.ts lays it out and `--json` carries it as `summary`.
import type {
  Answer,
  CheckCommand,
  IanaAssignment,
  PortFacts,
  UnofficialUseFact,
} from "./answer-model.ts";
import type { Protocol } from "./types.ts";
import { CATEGORY_NOUN, LIKELY, LIKELY_SENTENCE, listJoin, RANGE_LABEL } from "./wording.ts";

/** At most this many uses are shown; the rest are counted ("+N more"). */
export const TOP_USES = 3;

/** Below this prominence a curated use does not outrank an IANA assignment or a client port. */
const CONFIDENT_PROMINENCE = 3;

/** The headline's description of an IANA assignment is clipped to keep it on one or two rows. */
const HEADLINE_DESCRIPTION = 60;

/** The two systems whose check the compact answer shows, in this order. */
export const COMPACT_PLATFORMS = ["macOS / Linux", "Windows"] as const;

/** What the headline names as the most likely thing on the port. */
export type LikelyKind =
  | "use"
  | "uses"
  | "range-use"
  | "iana"
  | "ephemeral"
  | "reserved"
  | "port-zero"
  | "unknown";

export interface CompactSummary {
  /** "Port 3000 · tcp · registered · usually a development server or tool; IANA: hbci" */
  headline: string;
  /** One sentence for someone who just saw the port in a log, `netstat` or a firewall rule. */
  sentence: string;
  likely: LikelyKind;
  /** The protocols the headline is about. */
  protocols: Protocol[];
  /** The protocol whose checks are shown: TCP, unless the port is a UDP service. */
  checkProtocol: "tcp" | "udp";
  /** The most likely uses, at most TOP_USES, in rank order. */
  topUses: UnofficialUseFact[];
  /** How many uses are not shown. */
  moreUses: number;
  /** One check for macOS / Linux and one for Windows, for `checkProtocol`. */
  checks: CheckCommand[];
}

interface Likely {
  kind: LikelyKind;
  /** The uses the headline names (kind use, uses, range-use). */
  uses: UnofficialUseFact[];
  /** The IANA assignment the headline names or mentions. */
  iana: IanaAssignment | undefined;
  /** Named because a search asked for it, not because it is the most likely. */
  focused?: boolean;
}

function span(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/gu, "");

/** Today's defaults of widespread systems that hand this port out as a client port. */
function clientPortSystems(p: PortFacts): string[] {
  return p.ephemeral.filter((e) => e.current && !e.system.startsWith("IANA")).map((e) => e.system);
}

/** The uses tied with the best exact-port use (same prominence), at most TOP_USES. */
function tiedWithBest(exact: UnofficialUseFact[]): UnofficialUseFact[] {
  const best = exact[0];
  if (best === undefined) return [];
  return exact.slice(0, TOP_USES).filter((u) => u.prominence === best.prominence);
}

/**
 * What is most likely on the port. A well-known port is its IANA assignment; elsewhere a common
 * product documented on exactly this port beats a registration nobody uses (3000: hbci), a
 * registration beats an obscure product, and a port today's systems hand out to clients is most
 * likely a client port unless a common product is documented on exactly it.
 */
function likelyOf(p: PortFacts): Likely {
  const assigned = p.iana.filter((a) => a.status === "assigned");
  const iana = assigned.find((a) => a.service !== null) ?? assigned[0];
  const none = { uses: [], iana };
  if (p.port === 0) return { kind: "port-zero", ...none };
  if (iana !== undefined && p.range === "well-known") return { kind: "iana", ...none };
  const exact = p.unofficial.filter((u) => u.first === u.last);
  const best = exact[0];
  const confident = best !== undefined && best.prominence >= CONFIDENT_PROMINENCE;
  const client = clientPortSystems(p).length > 0;
  if (best !== undefined && (confident || (iana === undefined && !client))) {
    const tied = tiedWithBest(exact);
    return { kind: tied.length > 1 ? "uses" : "use", uses: tied, iana };
  }
  if (iana !== undefined) return { kind: "iana", ...none };
  if (client) return { kind: "ephemeral", ...none };
  const wide = p.unofficial[0];
  if (wide !== undefined) return { kind: "range-use", uses: [wide], iana };
  if (p.iana.some((a) => a.status === "reserved")) return { kind: "reserved", ...none };
  return { kind: "unknown", ...none };
}

/**
 * For a name search, what the person asked about leads (`grafana` → 3000: Grafana, not the
 * development servers that share its port); anything else keeps the most likely thing.
 */
function focusedOn(p: PortFacts, focus: string, otherwise: Likely): Likely {
  const want = squash(focus);
  const use = p.unofficial.find((u) => squash(u.name) === want);
  if (use !== undefined) return { kind: "use", uses: [use], iana: otherwise.iana, focused: true };
  const iana = p.iana.find((a) => a.status === "assigned" && squash(a.service ?? "") === want);
  if (iana !== undefined) return { kind: "iana", uses: [], iana, focused: true };
  return otherwise;
}

function protocolsOf(p: PortFacts, likely: Likely): Protocol[] {
  if (p.protocol !== null) return [p.protocol];
  const from: readonly Protocol[] =
    likely.uses.length > 0
      ? likely.uses.flatMap((u) => u.protocols)
      : likely.kind === "iana"
        ? p.iana
            .filter(
              (a) => a.status === "assigned" && (a.protocol === "tcp" || a.protocol === "udp"),
            )
            .map((a) => a.protocol)
        : likely.kind === "ephemeral"
          ? (["tcp", "udp"] as const)
          : [];
  return (["tcp", "udp", "sctp", "dccp"] as const).filter((x) => from.includes(x));
}

/** TCP for a TCP service (and whenever in doubt); UDP only when the port is a UDP service. */
function checkProtocolOf(p: PortFacts, protocols: Protocol[]): "tcp" | "udp" {
  if (p.protocol === "udp" || p.protocol === "tcp") return p.protocol;
  return protocols.includes("udp") && !protocols.includes("tcp") ? "udp" : "tcp";
}

/**
 * One check per platform of COMPACT_PLATFORMS: for a service, one that lists listeners; for a
 * temporary client port, one that also lists connections (a listener check would show nothing).
 */
function pickChecks(p: PortFacts, protocol: "tcp" | "udp", client: boolean): CheckCommand[] {
  const preference = client
    ? (["both", "connections", "listeners"] as const)
    : (["listeners", "both", "connections"] as const);
  const picked: CheckCommand[] = [];
  for (const platform of COMPACT_PLATFORMS) {
    const mine = p.checks.filter((c) => c.platform === platform && c.protocol === protocol);
    const best = preference.map((f) => mine.find((c) => c.finds === f)).find((c) => c);
    if (best !== undefined) picked.push(best);
  }
  return picked;
}

/** "; IANA: hbci" when the registry names the port otherwise than the uses do. */
function ianaSuffix(likely: Likely): string {
  const service = likely.iana?.service;
  if (service === undefined || service === null) return "";
  const names = likely.uses.map((u) => squash(u.name));
  return names.some((n) => n.includes(squash(service))) ? "" : LIKELY.ianaAlso(service);
}

/** "usually a database" when most of the tied uses share a category, else their names. */
function usuallyPhrase(uses: UnofficialUseFact[]): string {
  const counts = new Map<string, number>();
  for (const u of uses) counts.set(u.category, (counts.get(u.category) ?? 0) + 1);
  const [category, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  const noun = CATEGORY_NOUN[category];
  if (noun !== undefined && count * 2 > uses.length) return LIKELY.usually(noun);
  return LIKELY.usually(
    listJoin(
      uses.map((u) => u.name),
      "or",
    ),
  );
}

/** A product name in the headline or the sentence is cut to keep them one and two rows long. */
const HEADLINE_NAME = 32;
const SENTENCE_NAME = 32;

function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : s;
}

function ianaPhrase(a: IanaAssignment | undefined): string {
  if (a === undefined) return LIKELY.unknown;
  const description = clip(a.description, HEADLINE_DESCRIPTION);
  if (a.service === null) return description;
  if (description === "" || squash(description) === squash(a.service)) return a.service;
  return `${a.service}: ${description}`;
}

function reservedPhrase(p: PortFacts): string {
  const former = p.iana.find((a) => a.formerly?.service);
  const service = former?.formerly?.service;
  return service ? LIKELY.wasReserved(service) : LIKELY.reserved;
}

function phraseOf(p: PortFacts, likely: Likely): string {
  const [first] = likely.uses;
  switch (likely.kind) {
    case "use":
      return `${clip(first?.name ?? "", HEADLINE_NAME)}${ianaSuffix(likely)}`;
    case "uses":
      return `${usuallyPhrase(likely.uses)}${ianaSuffix(likely)}`;
    case "range-use":
      return first
        ? LIKELY.perhaps(clip(first.name, HEADLINE_NAME), span(first.first, first.last))
        : LIKELY.unknown;
    case "iana":
      return ianaPhrase(likely.iana);
    case "ephemeral":
      return LIKELY.ephemeral;
    case "reserved":
      return reservedPhrase(p);
    case "port-zero":
      return LIKELY.portZero;
    case "unknown":
      return LIKELY.unknown;
  }
}

function sentenceOf(p: PortFacts, likely: Likely): string {
  const service = likely.iana?.service ?? likely.iana?.description ?? "";
  const name = clip(likely.uses[0]?.name ?? "", SENTENCE_NAME);
  switch (likely.kind) {
    case "use":
      if (clientPortSystems(p).length > 0) return LIKELY_SENTENCE.useOrEphemeral(name);
      return likely.focused && p.unofficial.length > 1
        ? LIKELY_SENTENCE.shared(name)
        : LIKELY_SENTENCE.use(name);
    case "uses":
      return LIKELY_SENTENCE.uses;
    case "range-use":
      return LIKELY_SENTENCE.range;
    case "iana":
      return p.range === "well-known"
        ? LIKELY_SENTENCE.wellKnown
        : LIKELY_SENTENCE.registered(service);
    case "ephemeral":
      return LIKELY_SENTENCE.ephemeral(clientPortSystems(p));
    case "reserved":
      return LIKELY_SENTENCE.reserved;
    case "port-zero":
      return LIKELY_SENTENCE.portZero;
    case "unknown":
      return LIKELY_SENTENCE.unknown;
  }
}

/**
 * The compact answer's facts and words for one port. `focus`: the name a search found on this
 * port, which then leads the headline.
 */
export function compactSummary(p: PortFacts, focus: string | null = null): CompactSummary {
  const likely = focus === null ? likelyOf(p) : focusedOn(p, focus, likelyOf(p));
  const protocols = protocolsOf(p, likely);
  const checkProtocol = checkProtocolOf(p, protocols);
  const topUses = p.unofficial.slice(0, TOP_USES);
  const protocolText = protocols.length > 0 ? ` · ${protocols.join("/")}` : "";
  return {
    headline: `Port ${p.port}${protocolText} · ${RANGE_LABEL[p.range]} · ${phraseOf(p, likely)}`,
    sentence: sentenceOf(p, likely),
    likely: likely.kind,
    protocols,
    checkProtocol,
    topUses,
    moreUses: p.unofficial.length - topUses.length,
    checks: pickChecks(p, checkProtocol, likely.kind === "ephemeral"),
  };
}

/** A port's facts as `--json` prints them: every fact, and the compact answer's summary. */
export type PortJson = PortFacts & { summary: CompactSummary };

/** The answer as `--json` prints it: complete, each port with its compact summary. */
export function answerWithSummaries(answer: Answer): Omit<Answer, "ports"> & { ports: PortJson[] } {
  return { ...answer, ports: answer.ports.map((p) => ({ ...p, summary: compactSummary(p) })) };
}
