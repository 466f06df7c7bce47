// Team notes in replies: first in every answer about a noted port, a card of their own when a
// name search matches their words, and the replies to note commands.
import type { Answer } from "../answer-model.ts";
import { finish, messageReply, section } from "../reply.ts";
import type { Card, Line, Reply, Section } from "../reply-model.ts";
import type { Protocol } from "../types.ts";
import { echo, RATING_PROMPT } from "../wording.ts";
import type { NoteCommand } from "./command.ts";
import { NOTES_SHOWN, type NoteTarget, notesFor, notesMatching, type TeamNote } from "./model.ts";
import {
  moreNotes,
  NOTE_REFUSED,
  NOTES_TITLE,
  type NoteRefusal,
  noNotes,
  noteAdded,
  noteByline,
  noteProblemText,
  noteRemoved,
  notesMatchingTitle,
  targetText,
} from "./wording.ts";

function noteLine(note: TeamNote, withTarget: boolean): Line {
  return [
    ...(withTarget
      ? [
          { t: "code" as const, text: targetText(note) },
          { t: "text" as const, text: " " },
        ]
      : []),
    { t: "text", text: note.text },
    { t: "text", text: " — " },
    { t: "em", text: noteByline(note.authorName ?? note.author, note.at, note.id) },
  ];
}

/** The "Team notes" section for notes about one port, the first few shown and the rest counted. */
export function teamNotesSection(notes: readonly TeamNote[], withTarget = false): Section {
  const shown = notes.slice(0, NOTES_SHOWN);
  const rest = notes.length - shown.length;
  return section(NOTES_TITLE, {
    items: shown.map((n) => noteLine(n, withTarget)),
    body: rest > 0 ? [[{ t: "text", text: moreNotes(rest) }]] : [],
  });
}

function protocolAsked(answer: Answer, port: number): Protocol | null {
  return answer.ports.find((p) => p.port === port)?.protocol ?? null;
}

function notedCard(card: Card, answer: Answer, notes: readonly TeamNote[]): Card {
  if (card.port === null) return card;
  const about = notesFor(notes, card.port, protocolAsked(answer, card.port));
  if (about.length === 0) return card;
  return { ...card, sections: [teamNotesSection(about), ...card.sections] };
}

function matchingCard(query: string, matches: readonly TeamNote[]): Card {
  return {
    title: notesMatchingTitle(echo(query)),
    subtitle: null,
    port: null,
    sections: [teamNotesSection(matches, true)],
    more: [],
  };
}

/**
 * `reply` with the team's notes in it: a Team notes section first in each card about a noted port;
 * for a name search (or a name that found nothing), a card of the notes whose words match, first.
 */
export function withTeamNotes(reply: Reply, answer: Answer, notes: readonly TeamNote[]): Reply {
  if (notes.length === 0) return reply;
  const cards = reply.cards.map((c) => notedCard(c, answer, notes));
  const searched = answer.kind === "search" || answer.kind === "none";
  const matches = searched ? notesMatching(notes, answer.query) : [];
  if (matches.length === 0) {
    return cards.every((c, i) => c === reply.cards[i]) ? reply : finish({ ...reply, cards });
  }
  const { text: _, ...rest } = reply;
  const found = answer.kind === "none";
  return finish({
    ...rest,
    kind: found ? "search" : reply.kind,
    cards: [matchingCard(answer.query, matches), ...(found ? [] : cards)],
    ports: found ? [...new Set(matches.map((n) => n.first))] : reply.ports,
    visibility: "public",
    ratable: found ? true : reply.ratable,
    ratingPrompt: found ? RATING_PROMPT : reply.ratingPrompt,
  });
}

// Not shareable: sharing re-answers the query, and a note command is carried out by the kit.
const privateReply = (query: string, title: string, lines: Line[], items: Line[] = []): Reply =>
  messageReply({ query, kind: "notes" }, title, lines, false, items);

const plain = (s: string): Line => [{ t: "text", text: s }];

/** What happened to a note command, for its reply. */
export type NoteOutcome =
  | { kind: "added"; note: TeamNote }
  | { kind: "removed"; note: TeamNote }
  | { kind: "listed"; target: NoteTarget | null; notes: readonly TeamNote[] }
  | { kind: "refused"; why: NoteRefusal }
  | { kind: "invalid"; command: Extract<NoteCommand, { kind: "invalid" }> };

export function noteReply(query: string, outcome: NoteOutcome): Reply {
  switch (outcome.kind) {
    case "added":
      return privateReply(query, NOTES_TITLE, [plain(noteAdded(outcome.note, outcome.note.id))]);
    case "removed":
      return privateReply(query, NOTES_TITLE, [plain(noteRemoved(outcome.note, outcome.note.id))]);
    case "refused":
      return privateReply(query, NOTES_TITLE, [plain(NOTE_REFUSED[outcome.why])]);
    case "invalid":
      return privateReply(query, NOTES_TITLE, [plain(noteProblemText(outcome.command.problem))]);
    case "listed": {
      const { target, notes } = outcome;
      const title = target === null ? NOTES_TITLE : `${NOTES_TITLE} on ${targetText(target)}`;
      if (notes.length === 0) return privateReply(query, title, [plain(noNotes(target))]);
      return privateReply(
        query,
        title,
        [],
        notes.map((n) => noteLine(n, true)),
      );
    }
  }
}
