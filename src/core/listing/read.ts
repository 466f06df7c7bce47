// Finds a socket listing in a message: every known tool's reader tries the lines, and the one that
// reads the most sockets wins. A line no reader knows (a question, a prompt, a code fence) is
// skipped, so a listing pasted under "what is all this?" is still read. Nothing is a listing by
// accident: a reader needs the tool's header and a row, or a row that yields a socket, and every
// row is a whole line in the tool's column layout, never a number found in prose.
import { dockerPs } from "./formats/docker-ps.ts";
import { getNetTcpConnection } from "./formats/get-nettcpconnection.ts";
import { lsof } from "./formats/lsof.ts";
import { netstatLinux } from "./formats/netstat-linux.ts";
import { netstatWindows } from "./formats/netstat-windows.ts";
import { ss } from "./formats/ss.ts";
import type { FormatReader, ListedSocket, Listing } from "./model.ts";

/** Sockets shown in one answer; the rest are counted ("+N more"). */
export const MAX_LISTED_SOCKETS = 50;
/** Text read at most: far more than any chat message holds; the rest is ignored. */
export const MAX_LISTING_CHARS = 200_000;

export const READERS: readonly FormatReader[] = [
  ss,
  netstatLinux,
  netstatWindows,
  lsof,
  getNetTcpConnection,
  dockerPs,
];

interface Reading {
  listing: Listing;
  header: boolean;
  rows: number;
}

function readWith(reader: FormatReader, lines: readonly string[], cap: number): Reading {
  const sockets: ListedSocket[] = [];
  let header = false;
  let rows = 0;
  let total = 0;
  for (const line of lines) {
    if (reader.isHeader(line)) {
      header = true;
      continue;
    }
    const row = reader.readRow(line);
    if (row === null) continue;
    rows += 1;
    total += row.sockets.length + row.more;
    for (const s of row.sockets) if (sockets.length < cap) sockets.push(s);
  }
  return { listing: { format: reader.format, sockets, total }, header, rows };
}

/** The lines of a message, code fences (```text) taken off so the rows stand alone. */
function linesOf(text: string): string[] {
  return text
    .slice(0, MAX_LISTING_CHARS)
    .replace(/```[a-z]*/gi, "\n")
    .split(/\r?\n/);
}

/** The listing in `text`, or null when there is none. `cap`: sockets kept (the rest counted). */
export function readListing(text: string, cap = MAX_LISTED_SOCKETS): Listing | null {
  if (typeof text !== "string" || text.length < 10) return null;
  const lines = linesOf(text);
  let best: Reading | null = null;
  for (const reader of READERS) {
    const reading = readWith(reader, lines, cap);
    const found = reading.listing.total > 0 || reading.header;
    if (!found) continue;
    if (
      best === null ||
      reading.listing.total > best.listing.total ||
      (reading.listing.total === best.listing.total && reading.header && !best.header)
    ) {
      best = reading;
    }
  }
  return best?.listing ?? null;
}

/** Lines a pasted listing has besides its header and rows: banners, separators, blank lines. */
const LISTING_FILLER = /^\s*(?:Active (?:Internet )?Connections.*|[-\s]+)?$/i;

/**
 * Whether `line` can be part of a pasted listing (a header, a row of any tool, a banner, a
 * separator or a blank line), so a line-by-line reader such as the terminal can keep a paste
 * together.
 */
export function isListingLine(line: string): boolean {
  return (
    LISTING_FILLER.test(line) || READERS.some((r) => r.isHeader(line) || r.readRow(line) !== null)
  );
}
