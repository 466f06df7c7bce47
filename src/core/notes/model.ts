// A team's own notes on its ports ("9000: payments API, staging"). Platform-neutral: the store
// keeps them per platform and workspace; the core only words and matches them.
import type { Protocol } from "../types.ts";

/** What a note is about: one port or a range, on one protocol or on all (null). */
export interface NoteTarget {
  first: number;
  last: number;
  protocol: Protocol | null;
}

/** A live note as the store returns it. `author` is the platform's user id. */
export interface TeamNote extends NoteTarget {
  id: number;
  text: string;
  author: string;
  /** How the author is shown (a display or user name); null: only the id is known. */
  authorName: string | null;
  at: Date;
}

/** Longest note text; a chat line, not a wiki page. */
export const MAX_NOTE_CHARS = 300;
/** Live notes one target may carry; more would crowd every answer for the port. */
export const MAX_NOTES_PER_TARGET = 5;
/** Changes (adds and removals) one person may make per window, on every replica together. */
export const MAX_NOTE_CHANGES = 10;
export const NOTE_CHANGE_WINDOW_MS = 60_000;
/** Notes shown inside a port's answer; the rest are counted ("+2 more team notes"). */
export const NOTES_SHOWN = 2;

/** Whether `note` is about `port` (and about `protocol`, when one was asked). */
export function noteCovers(note: NoteTarget, port: number, protocol: Protocol | null): boolean {
  if (port < note.first || port > note.last) return false;
  return protocol === null || note.protocol === null || note.protocol === protocol;
}

/** Notes about a port: exact targets before ranges, then newest first. */
export function notesFor(
  notes: readonly TeamNote[],
  port: number,
  protocol: Protocol | null,
): TeamNote[] {
  return notes
    .filter((n) => noteCovers(n, port, protocol))
    .sort((a, b) => a.last - a.first - (b.last - b.first) || b.at.getTime() - a.at.getTime());
}

const WORD = /[\p{L}\p{N}]{2,}/gu;

/** Notes whose text holds every word of `query` (case- and accent-insensitive), newest first. */
export function notesMatching(notes: readonly TeamNote[], query: string): TeamNote[] {
  const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const words = fold(query).match(WORD) ?? [];
  if (words.length === 0) return [];
  return notes
    .filter((n) => {
      const text = fold(n.text);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}
