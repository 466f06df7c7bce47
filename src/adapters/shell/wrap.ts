// Wrapping for a terminal: words never break across rows, continuation rows are indented under
// the text they continue, and ANSI styling and OSC 8 links count for nothing in the width.
import { stripVTControlCharacters } from "node:util";

/** Columns a string takes on screen (escape sequences excluded). */
export function visibleWidth(s: string): number {
  return [...stripVTControlCharacters(s)].length;
}

/**
 * Wraps one line to `width` columns. `hang` is the indent of continuation rows (the line's own
 * indent plus the width of its bullet). A single word longer than a row stays whole.
 */
export function wrapLine(line: string, width: number, hang: number): string[] {
  if (visibleWidth(line) <= width) return [line];
  const indent = /^ */.exec(line)?.[0] ?? "";
  const words = line.slice(indent.length).split(" ");
  const rows: string[] = [];
  let row = indent;
  let rowWidth = indent.length;
  let first = true;
  for (const word of words) {
    const w = visibleWidth(word);
    const gap = first ? 0 : 1;
    if (!first && rowWidth + gap + w > width) {
      rows.push(row);
      row = " ".repeat(hang) + word;
      rowWidth = hang + w;
    } else {
      row += (first ? "" : " ") + word;
      rowWidth += gap + w;
    }
    first = false;
  }
  rows.push(row);
  return rows;
}

/** The indent continuation rows of `line` get: under its text, after any bullet. */
export function hangOf(line: string): number {
  const plain = stripVTControlCharacters(line);
  return /^ *(?:• )?/.exec(plain)?.[0].length ?? 0;
}

/**
 * Whether this terminal shows OSC 8 hyperlinks (a few terminals say so in their environment);
 * elsewhere, and whenever output is piped, the address is printed instead.
 */
export function supportsHyperlinks(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (!isTTY || env.NO_HYPERLINKS !== undefined) return false;
  if (env.FORCE_HYPERLINK === "1") return true;
  const program = env.TERM_PROGRAM ?? "";
  if (["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper"].includes(program)) return true;
  if (env.WT_SESSION !== undefined || env.KITTY_WINDOW_ID !== undefined) return true;
  return Number(env.VTE_VERSION ?? 0) >= 5000;
}

export function hyperlink(text: string, url: string): string {
  return `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007`;
}
