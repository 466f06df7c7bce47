// Text → a note command: `note 9000 payments API (staging)`, `note 8000-8010/udp …`, `notes`,
// `notes 9000`, `note remove 9000 12` (or `note remove 12`). Anything else is not a note command
// (null), so `/port 9000` and `/port payments` are answered as before.
import { parseQuery } from "../query.ts";
import { MAX_NOTE_CHARS, type NoteTarget } from "./model.ts";

export type NoteCommand =
  | { kind: "add"; target: NoteTarget; text: string }
  | { kind: "list"; target: NoteTarget | null }
  | { kind: "remove"; target: NoteTarget | null; id: number }
  | { kind: "invalid"; problem: NoteProblem };

export type NoteProblem = "usage" | "bad-target" | "no-text" | { tooLong: number } | "bad-id";

const REMOVE_WORDS = new Set(["remove", "rm", "delete", "del", "forget"]);

/** `9000`, `9000/udp`, `8000-8010`, `8000-8010/tcp` → a target; null when it is not one port or range. */
export function parseNoteTarget(token: string): NoteTarget | null {
  const q = parseQuery(token);
  if (q.kind === "ports" && q.ports.length === 1 && q.total === 1 && q.skipped.length === 0) {
    const [p] = q.ports;
    if (p !== undefined && /^:?\d/.test(token)) {
      return { first: p.port, last: p.port, protocol: p.protocol };
    }
  }
  if (q.kind === "range" && q.skipped.length === 0) {
    return { first: q.first, last: q.last, protocol: q.protocol };
  }
  return null;
}

function parseRemove(args: string[]): NoteCommand {
  const [a, b, ...extra] = args;
  if (a === undefined || extra.length > 0) return { kind: "invalid", problem: "usage" };
  const idText = b ?? a;
  const target = b === undefined ? null : parseNoteTarget(a);
  if (b !== undefined && target === null) return { kind: "invalid", problem: "bad-target" };
  if (!/^\d{1,15}$/.test(idText)) return { kind: "invalid", problem: "bad-id" };
  return { kind: "remove", target, id: Number(idText) };
}

function parseAdd(targetToken: string, rest: string): NoteCommand {
  const target = parseNoteTarget(targetToken);
  if (target === null) return { kind: "invalid", problem: "bad-target" };
  const text = rest.replace(/\s+/gu, " ").trim();
  if (text === "") return { kind: "invalid", problem: "no-text" };
  const length = [...text].length;
  if (length > MAX_NOTE_CHARS) return { kind: "invalid", problem: { tooLong: length } };
  return { kind: "add", target, text };
}

/** The note command in `text`, or null when `text` is an ordinary question. */
export function parseNoteCommand(text: string): NoteCommand | null {
  const trimmed = typeof text === "string" ? text.trim() : "";
  const m = /^(notes?)(?:\s+([\s\S]*))?$/iu.exec(trimmed);
  if (m === null) return null;
  const verb = (m[1] ?? "").toLowerCase();
  const rest = (m[2] ?? "").trim();
  const args = rest === "" ? [] : rest.split(/\s+/u);
  const [first] = args;
  if (verb === "notes") {
    if (first === undefined) return { kind: "list", target: null };
    const target = args.length === 1 ? parseNoteTarget(first) : null;
    // "notes on the payments API" is a question, not a command.
    return target === null ? null : { kind: "list", target };
  }
  if (first === undefined) return { kind: "invalid", problem: "usage" };
  if (REMOVE_WORDS.has(first.toLowerCase())) return parseRemove(args.slice(1));
  if (args.length === 1) {
    const target = parseNoteTarget(first);
    return target === null ? null : { kind: "list", target };
  }
  return parseAdd(first, rest.slice(first.length));
}
