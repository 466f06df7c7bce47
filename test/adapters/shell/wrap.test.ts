import assert from "node:assert/strict";
import { test } from "node:test";
import { stripVTControlCharacters } from "node:util";
import { renderText, terminalOptions } from "../../../src/adapters/shell/render-text.ts";
import { supportsHyperlinks, visibleWidth } from "../../../src/adapters/shell/wrap.ts";
import { testPortbot } from "../../support/portbot.ts";

const portbot = testPortbot();
const words = (s: string) => stripVTControlCharacters(s).split(/\s+/).filter(Boolean);

for (const width of [60, 80, 120]) {
  test(`wraps prose at ${width} columns without breaking words; commands stay whole`, () => {
    const asks = ["60876", "5432", "22 80 443", "postgres", "6000-6063"].flatMap((q) =>
      (["compact", "full"] as const).map((detail) => ({ q, detail })),
    );
    for (const { q, detail } of asks) {
      for (const color of [false, true]) {
        const reply = portbot.reply(q, { detail });
        const flat = renderText(reply, { color });
        const wrapped = renderText(reply, { color, width });
        assert.deepEqual(words(wrapped), words(flat), `${q}: the same words, in order`);
        const commands = new Set(
          reply.cards.flatMap((c) => c.sections.flatMap((s) => s.commands.map((m) => m.command))),
        );
        for (const row of wrapped.split("\n")) {
          const plain = stripVTControlCharacters(row);
          const isCommand = [...commands].some((c) => plain.includes(c));
          if (isCommand && plain.trim().startsWith(plain.trim().split(": ")[0] ?? "")) {
            // A row that holds a command is never wrapped: it fits, or holds the command alone.
            assert.ok(visibleWidth(row) <= width || commands.has(plain.trim()), plain);
            continue;
          }
          const longWord = plain
            .trim()
            .split(" ")
            .some((w) => w.length > width - 4);
          if (!longWord) assert.ok(visibleWidth(row) <= width, `${q} @${width}: ${plain}`);
        }
        for (const c of commands) {
          assert.ok(
            wrapped.split("\n").some((r) => stripVTControlCharacters(r).includes(c)),
            `${c} on one row`,
          );
        }
      }
    }
  });
}

test("continuation rows are indented under the text they continue", () => {
  const reply = portbot.reply("22", { detail: "full" });
  const wrapped = renderText(reply, { color: false, width: 60 }).split("\n");
  const bullet = wrapped.findIndex(
    (r, i) => r.startsWith("  • ") && wrapped[i + 1]?.startsWith("    "),
  );
  assert.ok(bullet >= 0, "a wrapped bullet item");
  assert.match(wrapped[bullet + 1] ?? "", /^ {4}\S/);
});

test("links are OSC 8 hyperlinks where the terminal shows them, the address otherwise", () => {
  const reply = portbot.reply("22", { detail: "full" });
  const osc = renderText(reply, { color: false, hyperlinks: true });
  const ESC = "\u001b";
  const BEL = "\u0007";
  const link = new RegExp(`${ESC}\\]8;;https://[^${BEL}]+${BEL}[^${ESC}]+${ESC}\\]8;;${BEL}`);
  assert.match(osc, link);
  const plain = renderText(reply, { color: false });
  assert.ok(!plain.includes(`${ESC}]8`));
  assert.match(plain, /<https:\/\//);
});

test("hyperlinks and wrapping only on a terminal that says it can; never when piped", () => {
  assert.equal(supportsHyperlinks({ TERM_PROGRAM: "iTerm.app" }, false), false, "piped");
  assert.equal(supportsHyperlinks({ TERM_PROGRAM: "iTerm.app" }, true), true);
  assert.equal(supportsHyperlinks({ VTE_VERSION: "7200" }, true), true);
  assert.equal(supportsHyperlinks({ TERM: "xterm" }, true), false);
  assert.deepEqual(terminalOptions({ isTTY: false }, {}), { width: undefined, hyperlinks: false });
  assert.equal(terminalOptions({ isTTY: true }, {}).width, 80, "80 when the width is unknown");
  assert.equal(terminalOptions({ isTTY: true, columns: 132 }, {}).width, 132);
});
