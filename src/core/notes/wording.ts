// Every sentence about team notes. Note text and authors are user input: they only ever travel in
// text spans, which each renderer escapes (no mention pings, no links).

import type { NoteProblem } from "./command.ts";
import {
  MAX_NOTE_CHANGES,
  MAX_NOTE_CHARS,
  MAX_NOTES_PER_TARGET,
  type NoteTarget,
} from "./model.ts";

export const NOTES_TITLE = "Team notes";
export const NOTE_LABEL = "team note";

export function targetText(t: NoteTarget): string {
  const span = t.first === t.last ? String(t.first) : `${t.first}–${t.last}`;
  return t.protocol === null ? span : `${span}/${t.protocol}`;
}

export const NOTE_USAGE: readonly (readonly [string, string])[] = [
  ["/port note 9000 payments API (staging)", "add your team's note to a port, range or port/udp"],
  ["/port notes", "list your team's notes (or /port notes 9000)"],
  ["/port note remove 9000 12", "remove note 12 (the history keeps it)"],
];

export function noteProblemText(problem: NoteProblem): string {
  if (typeof problem === "object") {
    return `That note is ${problem.tooLong} characters long; notes hold up to ${MAX_NOTE_CHARS}. Shorten it and add it again.`;
  }
  switch (problem) {
    case "usage":
      return "To add a note, give a port and the note, e.g. “note 9000 payments API (staging)”. To remove one: “note remove 9000 12”.";
    case "bad-target":
      return "A note goes on one port (9000), a protocol (9000/udp) or a range (8000-8010), from 0 to 65535.";
    case "no-text":
      return "That note is empty: write what runs on the port after it, e.g. “note 9000 payments API (staging)”.";
    case "bad-id":
      return "Give the note's number to remove it, as “notes” lists them: “note remove 9000 12”.";
  }
}

export type NoteRefusal = "not-permitted" | "full" | "rate-limited" | "not-found" | "unavailable";

export const NOTE_REFUSED: Record<NoteRefusal, string> = {
  "not-permitted":
    "Only the people your team chose can change notes here; ask one of them, or the people who run me.",
  full: `That port already has ${MAX_NOTES_PER_TARGET} notes. Remove one (“notes” lists them) before adding another.`,
  "rate-limited": `That's more than ${MAX_NOTE_CHANGES} note changes in a minute. Please wait a moment and try again.`,
  "not-found": "There is no current note with that number here (“notes” lists them).",
  unavailable:
    "I can't reach the notes right now (the store did not answer). Please try again in a minute.",
};

export const noteAdded = (target: NoteTarget, id: number) =>
  `Noted on ${targetText(target)} as note ${id}. It shows first in answers about that port here; “note remove ${targetText(target)} ${id}” removes it.`;

export const noteRemoved = (target: NoteTarget, id: number) =>
  `Removed note ${id} from ${targetText(target)}. The history keeps it.`;

export const noNotes = (target: NoteTarget | null) =>
  target === null
    ? "Your team has no notes here yet. Add one with “note 9000 payments API (staging)”."
    : `Your team has no notes on ${targetText(target)} yet.`;

export const moreNotes = (n: number) => `+${n} more team ${n === 1 ? "note" : "notes"}`;

/** "by U123 · 2026-12-04 · #12" */
export const noteByline = (author: string, at: Date, id: number) =>
  `${NOTE_LABEL} by ${author} · ${at.toISOString().slice(0, 10)} · #${id}`;

export const notesMatchingTitle = (query: string) => `Team notes matching “${query}”`;
