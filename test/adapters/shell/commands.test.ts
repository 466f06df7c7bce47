// The terminal's own words: exit / quit leave, clear clears a screen (and only a screen), and help
// says how to rate here: by typing + ? -, not by reacting.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, describe, test } from "node:test";
import { readShellLine, startShell } from "../../../src/adapters/shell/index.ts";
import { testLogger } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
import { type TempStore, tempStore } from "../../support/stores.ts";

const stores: TempStore[] = [];
after(async () => {
  for (const s of stores) await s.close();
});

/** A shell over piped streams (or a pretend terminal); `lines` are written, then the input ends. */
async function shell(lines: string[], options: { tty?: boolean; end?: boolean } = {}) {
  const temp = await tempStore("portbot-shell-commands-");
  stores.push(temp);
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  let printed = "";
  output.on("data", (c: Buffer) => {
    printed += c.toString("utf8");
  });
  const running = await startShell(
    { portbot: testPortbot(), store: temp.store, logger: testLogger() },
    { input, output, hints: new PassThrough(), color: false },
  );
  for (const line of lines) input.write(`${line}\n`);
  if (options.end !== false) input.end();
  return { running, input, printed: () => printed };
}

describe("shell words", { timeout: 10_000 }, () => {
  test("exit, quit and clear are the terminal's, whatever their case; the rest is a query", () => {
    for (const line of ["exit", "quit", " EXIT ", "/quit"]) {
      assert.deepEqual(readShellLine(line), { kind: "exit" }, line);
    }
    assert.deepEqual(readShellLine("clear"), { kind: "clear" });
    assert.deepEqual(readShellLine("exit 22"), {
      kind: "query",
      text: "exit 22",
      detail: "compact",
    });
  });

  test("a trailing `full` asks for the whole answer: /port 60876 full, 60876 full, @portbot …", () => {
    for (const line of ["/port 60876 full", "60876 full", "60876 FULL", "/port 60876 --full"]) {
      assert.deepEqual(readShellLine(line), { kind: "query", text: "60876", detail: "full" }, line);
    }
    assert.deepEqual(readShellLine("@portbot what is 22? full"), {
      kind: "mention",
      text: "what is 22?",
      detail: "full",
    });
    // Alone, or inside a query, it is just a word.
    assert.deepEqual(readShellLine("full"), { kind: "query", text: "full", detail: "compact" });
    assert.deepEqual(readShellLine("/port fuller 22"), {
      kind: "query",
      text: "fuller 22",
      detail: "compact",
    });
  });

  test("the shell prints the compact answer, and everything after `full`", async () => {
    const compact = await shell(["/port 60876"]);
    await compact.running.done;
    assert.match(compact.printed(), /^Port 60876 · tcp\/udp · dynamic\/private · most likely/m);
    assert.doesNotMatch(compact.printed(), /IANA registry entry/);
    const full = await shell(["/port 60876 full", "60876 full"]);
    await full.running.done;
    const printed = full.printed();
    assert.equal(printed.match(/^Port 60876 · dynamic\/private · unassigned$/gm)?.length, 2);
    assert.match(printed, /IANA registry entry for 60876/);
  });

  test("exit leaves: the shell is done and later lines are not answered", async () => {
    // The input stays open: only `exit` can end the shell here.
    const s = await shell(["/port 22", "exit", "/port 5432"], { end: false });
    await s.running.done;
    assert.match(s.printed(), /Port 22\b/);
    assert.doesNotMatch(s.printed(), /Port 5432\b/);
    s.input.end();
  });

  test("quit leaves too", async () => {
    const s = await shell(["quit"], { end: false });
    await s.running.done;
    assert.equal(s.printed(), "");
    s.input.end();
  });

  test("clear clears a terminal's screen and scrollback", async () => {
    const s = await shell(["clear"], { tty: true });
    await s.running.done;
    assert.equal(s.printed(), "\u001b[2J\u001b[3J\u001b[H");
  });

  test("clear is ignored when the output is piped", async () => {
    const s = await shell(["clear", "/port 22"]);
    await s.running.done;
    assert.ok(!s.printed().includes("\u001b"), "no escape sequences when piped");
    assert.match(s.printed(), /^Port 22\b/);
  });

  test("help says to rate by typing + ? -, whichever way it is asked", async () => {
    const s = await shell(["help", "/port help", "@portbot help", "/nonsense"]);
    await s.running.done;
    const typed = /by typing \+ \(helpful\), \? \(confusing\) or - \(not helpful\)/g;
    assert.equal(s.printed().match(typed)?.length, 4, s.printed());
    assert.doesNotMatch(s.printed(), /React to an answer/);
  });
});

test("chat help still says to react", () => {
  const help = testPortbot().reply("help").text;
  assert.match(help, /React to an answer with 😃/);
  assert.doesNotMatch(help, /by typing/);
});
