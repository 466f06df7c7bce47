// One typed line → what it asks for. The shell's own syntax: `/port …`, `@portbot …`, and a
// rating typed after an answer.

import { ratingFor } from "../kit/ratings.ts";
import { SHELL_RATINGS } from "./ratings.ts";

export type ShellInput =
  | { kind: "rate"; emoji: string }
  | { kind: "mention"; text: string }
  | { kind: "query"; text: string }
  | { kind: "unknown-command"; command: string }
  | { kind: "blank" };

export function readShellLine(line: string): ShellInput {
  const trimmed = line.trim();
  if (trimmed === "") return { kind: "blank" };
  // Typed ratings: + - ?, :name: forms and emoji; bare words like "-1" or "smiley" stay queries.
  const looksLikeRating = /^[+?-]$|^:[\w+-]+:$|^\p{Extended_Pictographic}/u.test(trimmed);
  if (looksLikeRating && ratingFor(SHELL_RATINGS, trimmed) !== null) {
    return { kind: "rate", emoji: trimmed };
  }
  const mention = /^@portbot\b[\s,:]*/iu.exec(trimmed);
  if (mention) return { kind: "mention", text: trimmed.slice(mention[0].length) };
  const slash = /^\/(\S+)\s*/u.exec(trimmed);
  if (slash) {
    if (slash[1]?.toLowerCase() !== "port") {
      return { kind: "unknown-command", command: slash[1] ?? "" };
    }
    return { kind: "query", text: trimmed.slice(slash[0].length) };
  }
  return { kind: "query", text: trimmed };
}
