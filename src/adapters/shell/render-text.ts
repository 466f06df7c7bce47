// Reply → terminal text. Colour only when asked (a TTY without NO_COLOR); plain text when piped.
import { styleText } from "node:util";
import type { Card, Line, Reply } from "../../core/reply-model.ts";

export interface TextOptions {
  color: boolean;
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
            return `${t} ${paint("underline", `<${clean(s.url)}>`)}`;
          default:
            return t;
        }
      })
      .join("");

  const card = (c: Card): string => {
    const out: string[] = [paint(["bold", "green"], clean(c.title))];
    if (c.subtitle) out.push(clean(c.subtitle));
    for (const s of c.sections) {
      const lines: string[] = [];
      if (s.title) lines.push(paint(["bold", "yellow"], clean(s.title)));
      for (const b of s.body) lines.push(`  ${line(b)}`);
      for (const i of s.items) lines.push(`  • ${line(i)}`);
      for (const cmd of s.commands) {
        lines.push(
          `  ${paint("dim", `${clean(cmd.label)}:`)}`,
          `    ${paint("cyan", clean(cmd.command))}`,
        );
      }
      if (lines.length > 0) out.push("", ...lines);
    }
    return out.join("\n");
  };

  const parts = reply.cards.map(card);
  for (const n of reply.notes) parts.push(line(n));
  if (reply.ratingPrompt) parts.push(paint("dim", reply.ratingPrompt));
  return `${parts.join("\n\n")}\n`;
}
