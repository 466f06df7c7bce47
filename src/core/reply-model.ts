// Reply: the Answer put into words. Every sentence a person reads is made in the core; adapters
// only format these pieces (Block Kit, embeds, terminal text).
//
// Safety contract for adapters: `text`, `code` and `strong`/`em` spans may contain what a user
// typed and must be escaped for the platform. Only `link` spans become links, and their URLs come
// from our data, never from user input.
import type { AnswerKind } from "./answer-model.ts";

export type Span =
  | { t: "text"; text: string }
  | { t: "strong"; text: string }
  | { t: "em"; text: string }
  | { t: "code"; text: string }
  | { t: "link"; text: string; url: string };

/** A run of spans read as one line or paragraph. */
export type Line = Span[];

export interface CommandLine {
  /** e.g. "macOS / Linux" */
  label: string;
  command: string;
}

/**
 * Rows shown in monospace, one per line, in columns (a socket listing). Cells may hold what a
 * user pasted: escape them. `widths`: the most characters a column shows (longer cells are cut
 * with "…"); lay it out with tableLines() (src/core/table.ts) so every platform shows the same.
 */
export interface Table {
  columns: string[];
  rows: string[][];
  widths: number[];
}

export interface Section {
  title: string;
  /** Paragraphs of prose. */
  body: Line[];
  /** Bullet items. */
  items: Line[];
  /** Copy-paste commands, shown as code. */
  commands: CommandLine[];
  /** Shown after the body, in monospace. */
  table?: Table;
}

/** The parts of a one-port answer a person can ask for separately (a button, `--full`). */
export type DetailSection = "commands" | "uses" | "details";

export const DETAIL_SECTIONS: readonly DetailSection[] = ["commands", "uses", "details"];

/** One "the rest, one click away" button under a one-port card. */
export interface MoreLink {
  section: DetailSection;
  /** "Commands", "All uses (4)", "Details". */
  label: string;
  /** The same with the port, for where the button stands apart from its card ("5432 · Commands"). */
  labelWithPort: string;
}

/**
 * What a "Share in channel" button posts publicly: the reply to a query (help, stats, an error),
 * or one port's detail section. Re-created from this when clicked (nothing is kept in memory).
 */
export type ShareSource =
  | { kind: "query"; query: string }
  | { kind: "detail"; port: number; section: DetailSection };

export interface ShareLink {
  /** "Share in channel". */
  label: string;
  source: ShareSource;
}

export interface Card {
  /** e.g. "Port 60876 · dynamic/private · unassigned" */
  title: string;
  /** One-sentence gist under the title. */
  subtitle: string | null;
  /** Set when the card is about one port. */
  port: number | null;
  sections: Section[];
  /** The rest of a one-port answer, one click away; empty for cards not about one port. */
  more: MoreLink[];
}

export interface Reply {
  kind: AnswerKind;
  /** What the person typed, as given. User text: escape it. */
  query: string;
  /** Plain-text version of the whole reply: notifications, fallback text, screen readers. */
  text: string;
  cards: Card[];
  /** Remarks about the reply as a whole ("Showing 5 of 9 ports."). */
  notes: Line[];
  /** Ports the reply is about (recorded with ratings). */
  ports: number[];
  /** private: only the asker should see it (help, errors, stats). */
  visibility: "public" | "private";
  /** Whether to seed rating reactions and record the answer. */
  ratable: boolean;
  /** "Was this helpful? 😃 🤨 😔" when ratable. */
  ratingPrompt: string | null;
  /** Set on private replies worth showing others (help, stats, an error, a detail): the button. */
  share: ShareLink | null;
}
