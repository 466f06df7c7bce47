// One typed line → what it asks for. The shell's own syntax: `/port …`, `@portbot …`, a rating
// typed after an answer, and the terminal's words: `exit` / `quit` to leave, `clear` the screen.

import type { Detail } from "../../core/reply.ts";
import { ratingFor } from "../kit/ratings.ts";
import { withDetail } from "./detail.ts";
import { SHELL_RATINGS } from "./ratings.ts";

export type ShellInput =
  | { kind: "rate"; emoji: string }
  | { kind: "mention"; text: string; detail: Detail }
  | { kind: "query"; text: string; detail: Detail }
  | { kind: "unknown-command"; command: string }
  | { kind: "exit" }
  | { kind: "clear" }
  | { kind: "blank" };

const EXIT_WORDS = new Set(["exit", "quit", "/exit", "/quit"]);
const CLEAR_WORDS = new Set(["clear", "/clear"]);

export function readShellLine(line: string): ShellInput {
  const trimmed = line.trim();
  if (trimmed === "") return { kind: "blank" };
  const word = trimmed.toLowerCase();
  if (EXIT_WORDS.has(word)) return { kind: "exit" };
  if (CLEAR_WORDS.has(word)) return { kind: "clear" };
  // Typed ratings: + - ?, :name: forms and emoji; bare words like "-1" or "smiley" stay queries.
  const looksLikeRating = /^[+?-]$|^:[\w+-]+:$|^\p{Extended_Pictographic}/u.test(trimmed);
  if (looksLikeRating && ratingFor(SHELL_RATINGS, trimmed) !== null) {
    return { kind: "rate", emoji: trimmed };
  }
  const mention = /^@portbot\b[\s,:]*/iu.exec(trimmed);
  if (mention) return { kind: "mention", ...withDetail(trimmed.slice(mention[0].length)) };
  const slash = /^\/(\S+)\s*/u.exec(trimmed);
  if (slash) {
    if (slash[1]?.toLowerCase() !== "port") {
      return { kind: "unknown-command", command: slash[1] ?? "" };
    }
    return { kind: "query", ...withDetail(trimmed.slice(slash[0].length)) };
  }
  return { kind: "query", ...withDetail(trimmed) };
}
