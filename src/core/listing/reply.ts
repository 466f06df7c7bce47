// ListingAnswer → Reply: one compact table (local address, protocol, state, process, most likely),
// the listeners worth guarding under it with their exposure note, and "+N more" when capped.
import { finish, section } from "../reply.ts";
import type { Line, Reply, Table } from "../reply-model.ts";
import {
  clientOf,
  EXPOSURE_INTRO,
  LISTING,
  listingGist,
  listingMore,
  listingTitle,
  RATING_PROMPT,
} from "../wording.ts";
import type { LikelyUse, ListingAnswer, ListingRow } from "./answer.ts";
import { onAllInterfaces, showEndpoint } from "./endpoint.ts";

/** Column limits: an IPv6 address with a zone fits; names and notes are cut with "…". */
const WIDTHS = [1, 30, 5, 11, 28, 32];

function likelyText(likely: LikelyUse | null): string {
  if (likely === null) return LISTING.unknown;
  if (likely.source === "note") return `${LISTING.notePrefix}${likely.label}`;
  if (likely.source === "client" && likely.peerPort !== undefined) {
    return clientOf(likely.label, likely.peerPort);
  }
  return likely.label;
}

function table(rows: readonly ListingRow[]): Table {
  return {
    columns: [...LISTING.columns],
    widths: WIDTHS,
    rows: rows.map(({ socket, likely, exposure }) => [
      exposure === null ? "" : LISTING.flag,
      showEndpoint(socket.local, WIDTHS[1]),
      socket.protocol,
      socket.state ?? "",
      socket.process ?? "",
      likelyText(likely),
    ]),
  };
}

function exposureItems(rows: readonly ListingRow[]): Line[] {
  const seen = new Set<string>();
  const items: Line[] = [];
  for (const { socket, exposure } of rows) {
    if (exposure === null) continue;
    const where = `${showEndpoint(socket.local)}/${socket.protocol}`;
    if (seen.has(where)) continue;
    seen.add(where);
    items.push([
      { t: "code", text: where },
      { t: "text", text: " " },
      { t: "strong", text: exposure.product },
      { t: "text", text: `: ${exposure.note} · ` },
      { t: "link", text: "source", url: exposure.source },
    ]);
  }
  return items;
}

function gist(rows: readonly ListingRow[]): string {
  const listening = rows.filter(
    (r) => r.socket.state === null || r.socket.state === "LISTEN" || r.socket.state === "UNCONN",
  );
  const everywhere = listening.filter((r) => onAllInterfaces(r.socket.local.address));
  const flagged = rows.filter((r) => r.exposure !== null).length;
  return listingGist(listening.length, everywhere.length, flagged);
}

/** `query`: what the person sent (recorded with the answer, echoed nowhere). */
export function listingReply(answer: ListingAnswer, query: string): Reply {
  const { rows } = answer;
  const sections = [];
  if (rows.length > 0) {
    sections.push(section("", { table: table(rows) }));
  }
  const exposed = exposureItems(rows);
  if (exposed.length > 0) {
    sections.push(
      section(LISTING.exposed, { body: [[{ t: "text", text: EXPOSURE_INTRO }]], items: exposed }),
    );
  }
  const notes: Line[] = rows.length > 0 ? [[{ t: "text", text: LISTING.legend }]] : [];
  if (answer.total > rows.length && rows.length > 0) {
    notes.push([{ t: "text", text: listingMore(answer.total - rows.length, rows.length) }]);
  }
  const ports = [...new Set(rows.map((r) => r.socket.servicePort))];
  return finish({
    kind: "listing",
    query,
    cards: [
      {
        title: listingTitle(answer.total, answer.format),
        subtitle: rows.length > 0 ? gist(rows) : LISTING.empty,
        port: null,
        sections,
        more: [],
      },
    ],
    notes,
    ports,
    visibility: rows.length > 0 ? "public" : "private",
    ratable: rows.length > 0,
    ratingPrompt: rows.length > 0 ? RATING_PROMPT : null,
    share: null,
  });
}
