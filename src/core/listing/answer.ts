// Listing → facts per socket: what it most likely is (the team's note, else the best-ranked
// curated use, else IANA's name) and whether it is a listener on every interface on a port with
// an exposure note. No wording: reply.ts says it.
import { notesFor, type TeamNote } from "../notes/model.ts";
import { rankUses } from "../rank.ts";
import type { ExposureNote, Knowledge, Registry, UnofficialUse } from "../types.ts";
import { onAllInterfaces } from "./endpoint.ts";
import type { ListedProtocol, ListedSocket, Listing, ListingFormat } from "./model.ts";

/**
 * The team's own note for a port, as text, or null. The notes store answers it per workspace;
 * without one (NO_NOTES) the table says what the registry and the curated data say.
 */
export type NoteLookup = (port: number, protocol: ListedProtocol) => string | null;

export const NO_NOTES: NoteLookup = () => null;

/** The lookup for a team's live notes: the note that speaks for the port (notesFor's first). */
export function teamNoteLookup(notes: readonly TeamNote[]): NoteLookup {
  if (notes.length === 0) return NO_NOTES;
  return (port, protocol) => notesFor(notes, port, protocol)[0]?.text ?? null;
}

/**
 * Where the "most likely" came from. `client`: the local end of an outgoing connection (an
 * ephemeral port), named after what it talks to.
 */
export type LikelySource = "note" | "curated" | "iana" | "client";

export interface LikelyUse {
  /** A name (`PostgreSQL`, `ssh`), the team's note, or for a client the peer's name. */
  label: string;
  source: LikelySource;
  /** For `client`: the port it connects to. */
  peerPort?: number;
}

export interface ListingRow {
  socket: ListedSocket;
  likely: LikelyUse | null;
  /** Set when the socket listens on every interface and its port has an exposure note. */
  exposure: ExposureNote | null;
}

export interface ListingAnswer {
  format: ListingFormat;
  rows: ListingRow[];
  /** Every socket in the listing, shown or not. */
  total: number;
}

export interface ListingDeps {
  registry: Registry;
  knowledge: Knowledge;
  notes: NoteLookup;
}

/** A curated use this wide (Kubernetes NodePort, 49152–65535) is a guess, not a name to lead with. */
const WIDE_SPAN = 100;

function ianaName(port: number, protocol: ListedProtocol, registry: Registry): string | null {
  const rows = registry
    .recordsFor(port)
    .filter((r) => r.status === "assigned" && (r.protocol === protocol || r.protocol === null));
  const named = rows.find((r) => r.service !== null && r.first === r.last) ?? rows[0];
  if (named === undefined) return null;
  return named.service ?? (named.description.replace(/\s+/g, " ").trim() || null);
}

function serviceUse(port: number, protocol: ListedProtocol, deps: ListingDeps): LikelyUse | null {
  const note = deps.notes(port, protocol);
  if (note !== null && note.trim() !== "") return { label: note.trim(), source: "note" };
  const uses: UnofficialUse[] = rankUses(
    port,
    deps.knowledge.unofficial.filter((u) => u.protocols.includes(protocol)),
  );
  const narrow = uses.find((u) => u.last - u.first < WIDE_SPAN);
  if (narrow !== undefined) return { label: narrow.name, source: "curated" };
  const iana = ianaName(port, protocol, deps.registry);
  if (iana !== null) return { label: iana, source: "iana" };
  // Only wide spans left: name the two best-ranked, as candidates.
  const wide = uses.slice(0, 2).map((u) => u.name);
  return wide.length > 0 ? { label: wide.join(" / "), source: "curated" } : null;
}

const LISTENING = new Set(["LISTEN", "UNCONN"]);

function isListener(s: ListedSocket): boolean {
  return s.state === null || LISTENING.has(s.state);
}

/** The local end of a connection on a port today's systems hand out for outgoing connections. */
function isClientEnd(s: ListedSocket, knowledge: Knowledge): boolean {
  if (isListener(s) || s.peer === null || s.peer.port === null) return false;
  const port = s.local.port;
  return knowledge.ephemeral.some((e) => e.current && e.first <= port && port <= e.last);
}

function likelyUse(s: ListedSocket, deps: ListingDeps): LikelyUse | null {
  const peerPort = s.peer?.port ?? null;
  if (peerPort !== null && isClientEnd(s, deps.knowledge)) {
    const peer = serviceUse(peerPort, s.protocol, deps);
    return { label: peer?.label ?? String(peerPort), source: "client", peerPort };
  }
  return serviceUse(s.servicePort, s.protocol, deps);
}

function exposureOf(s: ListedSocket, knowledge: Knowledge): ExposureNote | null {
  if (!isListener(s) || !onAllInterfaces(s.local.address)) return null;
  const port = s.servicePort;
  return (
    knowledge.exposure.find(
      (x) => x.first <= port && port <= x.last && x.protocols.includes(s.protocol),
    ) ?? null
  );
}

export function answerListing(listing: Listing, deps: ListingDeps): ListingAnswer {
  return {
    format: listing.format,
    total: listing.total,
    rows: listing.sockets.map((socket) => ({
      socket,
      likely: likelyUse(socket, deps),
      exposure: exposureOf(socket, deps.knowledge),
    })),
  };
}
