// Reply → terminal text. Colour only when asked (a TTY without NO_COLOR); plain text when piped.
import { styleText } from "node:util";
import type { Card, Line, Reply } from "../../core/reply-model.ts";
import { tableLines } from "../../core/table.ts";
import { hangOf, hyperlink, supportsHyperlinks, visibleWidth, wrapLine } from "./wrap.ts";

export interface TextOptions {
  color: boolean;
  /** Wrap prose to this many columns (a TTY's width); commands are never wrapped. */
  width?: number | undefined;
  /** Links as OSC 8 hyperlinks (terminals that show them) instead of the address in brackets. */
  hyperlinks?: boolean;
}

/** What a terminal's output stream says about itself (width, hyperlinks); piped: nothing. */
export function terminalOptions(
  out: { isTTY?: boolean; columns?: number },
  env: NodeJS.ProcessEnv,
): Pick<TextOptions, "width" | "hyperlinks"> {
  const tty = out.isTTY === true;
  return { width: tty ? (out.columns ?? 80) : undefined, hyperlinks: supportsHyperlinks(env, tty) };
}

type Style = Parameters<typeof styleText>[0];

// Control characters in user text could move the cursor or recolour the terminal, and bidi
// controls (U+202A–202E, U+2066–2069) from someone else's query would reorder what is shown.
function clean(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu, "");
}

export function renderText(reply: Reply, options: TextOptions): string {
  const paint = (style: Style, s: string) =>
    options.color ? styleText(style, s, { validateStream: false }) : s;

  const line = (spans: Line): string =>
    spans
      .map((s) => {
        const t = clean(s.text);
        switch (s.t) {
          case "strong":
            return paint("bold", t);
          case "em":
            return paint("italic", t);
          case "code":
            return paint("cyan", t);
          case "link":
            return options.hyperlinks
              ? paint("underline", hyperlink(t, clean(s.url)))
              : `${t} ${paint("underline", `<${clean(s.url)}>`)}`;
          default:
            return t;
        }
      })
      .join("");

  const wrap = (text: string): string =>
    options.width === undefined
      ? text
      : wrapLine(text, Math.max(20, options.width), hangOf(text)).join("\n");

  // A command stays on one row, whole, so it can be copied as it is: after its label when both
  // fit the width (80 when piped), else on a row of its own under the label.
  const command = (label: string, cmd: string): string[] => {
    const oneRow = `  ${label}: ${cmd}`;
    if (visibleWidth(oneRow) <= (options.width ?? 80)) {
      return [`  ${paint("dim", `${clean(label)}:`)} ${paint("cyan", clean(cmd))}`];
    }
    return [wrap(`  ${paint("dim", `${clean(label)}:`)}`), `    ${paint("cyan", clean(cmd))}`];
  };

  const card = (c: Card): string => {
    const out: string[] = [wrap(paint(["bold", "green"], clean(c.title)))];
    if (c.subtitle) out.push(wrap(clean(c.subtitle)));
    c.sections.forEach((s, i) => {
      const lines: string[] = [];
      if (s.title) lines.push(paint(["bold", "yellow"], clean(s.title)));
      for (const b of s.body) lines.push(wrap(`  ${line(b)}`));
      if (s.table !== undefined) {
        // Rows stay whole, never wrapped, so the columns line up.
        const [header = "", ...rows] = tableLines(s.table).map(clean);
        lines.push(`  ${paint("bold", header)}`, ...rows.map((r) => `  ${r}`));
      }
      for (const item of s.items) lines.push(wrap(`  • ${line(item)}`));
      for (const cmd of s.commands) lines.push(...command(cmd.label, cmd.command));
      // An untitled section continues the one before it (the compact answer's few lines).
      const joined = s.title === "" && i > 0;
      if (lines.length > 0) out.push(...(joined ? [] : [""]), ...lines);
    });
    return out.join("\n");
  };

  const parts = reply.cards.map(card);
  for (const n of reply.notes) parts.push(wrap(line(n)));
  const body = parts.join("\n\n");
  // The prompt sits right under the answer it rates, dimmed, without a blank row of its own.
  if (!reply.ratingPrompt) return `${body}\n`;
  return `${body}\n${wrap(paint("dim", reply.ratingPrompt))}\n`;
}
