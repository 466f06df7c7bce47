// The default adapter (as Hubot's shell): read lines, answer them through the kit as the chat
// bots would, and let the person rate the answers just shown by typing, so the whole loop works
// offline and in scripts.
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { isListingLine } from "../../core/listing/read.ts";
import { ratedSeveral, SHELL_HINT, SHELL_RATED } from "../../core/wording.ts";
import {
  type AdapterContext,
  createKit,
  type Kit,
  type Place,
  type RunningAdapter,
} from "../kit/index.ts";
import { ratingFor } from "../kit/ratings.ts";
import { readShellLine } from "./input.ts";
import { pasted } from "./paste.ts";
import { SHELL_CHANNEL, SHELL_WORKSPACE, shellPort } from "./port.ts";
import { SHELL_RATINGS } from "./ratings.ts";
import { renderText, type TextOptions, terminalOptions } from "./render-text.ts";

export interface ShellOptions {
  input?: Readable;
  output?: Writable;
  /**
   * Where replies meant for the asker alone go (help, errors, stats, the usage hint); `output` by
   * default, since a terminal has one reader. A separate stream keeps a piped log of answers clean.
   */
  privateOutput?: Writable;
  /** Where the hint goes; stderr by default so piped output holds only answers. */
  hints?: Writable;
  color?: boolean;
}

/** Erase the screen and the scrollback, cursor home (ECMA-48 ED 2 and 3, CUP). */
const CLEAR_SCREEN = "\u001b[2J\u001b[3J\u001b[H";

function isTTY(stream: Readable | Writable): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

function voterName(): string {
  try {
    return userInfo().username;
  } catch {
    return "shell-user";
  }
}

/** A typed rating, for every answer just shown (a multi-port answer is rated as a whole). */
async function rateShown(
  kit: Kit,
  place: Place,
  shown: readonly string[],
  emoji: string,
  write: (s: string) => void,
): Promise<void> {
  const rating = ratingFor(SHELL_RATINGS, emoji);
  if (shown.length === 0 || rating === null) {
    write(`${SHELL_RATED.nothing}\n`);
    return;
  }
  for (const messageId of shown) {
    await kit.vote({
      eventId: randomUUID(),
      platform: "shell",
      workspace: SHELL_WORKSPACE,
      channel: SHELL_CHANNEL,
      messageId,
      voter: place.asker,
      voterIsBot: false,
      rating,
      action: "added",
      at: new Date(),
    });
  }
  write(`${shown.length === 1 ? SHELL_RATED[rating] : ratedSeveral(rating, shown.length)}\n`);
}

/** What answering one line needs from the running shell. */
interface LineState {
  ctx: AdapterContext;
  kit: Kit;
  place: Place;
  output: Writable;
  privateOutput: Writable;
  text: TextOptions;
  shown(): readonly string[];
  setShown(ids: string[]): void;
  /** Stop reading: `exit` was typed. */
  leave(): void;
}

async function handleLine(line: string, s: LineState): Promise<void> {
  const write = (text: string) => s.output.write(text);
  const typed = readShellLine(line);
  switch (typed.kind) {
    case "blank":
      return;
    case "rate":
      return rateShown(s.kit, s.place, s.shown(), typed.emoji, write);
    case "unknown-command":
      write(renderText(s.ctx.portbot.help("type"), s.text));
      return;
    case "exit":
      s.leave();
      return;
    case "clear":
      // A terminal's screen and scrollback; piped output has no screen, so nothing is written.
      if (isTTY(s.output)) write(CLEAR_SCREEN);
      return;
    case "mention":
    case "query": {
      const port = shellPort(s.output, s.privateOutput, s.text);
      const surface = typed.kind === "mention" ? "message" : "command";
      await s.kit.answer({ surface, text: typed.text, detail: typed.detail }, port, s.place);
      s.setShown(port.rateable);
      return;
    }
  }
}

/** Reads lines until the input ends: interactive with a prompt on a TTY, plain when piped. */
function readLines(input: Readable, output: Writable): ReturnType<typeof createInterface> {
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  if (interactive) {
    rl.setPrompt("portbot> ");
    rl.prompt();
  }
  return rl;
}

/** Colour (a TTY without NO_COLOR, unless told), wrapping and hyperlinks as the terminal allows. */
function textOptionsFor(output: Writable, color: boolean | undefined): TextOptions {
  const terminal = output as { isTTY?: boolean; columns?: number };
  return {
    color: color ?? (terminal.isTTY === true && !process.env.NO_COLOR),
    ...terminalOptions(terminal, process.env),
  };
}

export async function startShell(
  ctx: AdapterContext,
  options: ShellOptions = {},
): Promise<RunningAdapter & { done: Promise<void>; readonly linesHandled: number }> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const privateOutput = options.privateOutput ?? output;
  const hints = options.hints ?? process.stderr;
  const text = textOptionsFor(output, options.color);
  const kit = createKit(ctx, "shell");
  const place: Place = {
    platform: "shell",
    workspace: SHELL_WORKSPACE,
    channel: SHELL_CHANNEL,
    thread: null,
    asker: voterName(),
  };
  /** The rateable answers printed for the last question: a typed rating applies to all of them. */
  let lastShown: string[] = [];
  /** `exit` was typed: lines after it are not answered. */
  let leaving = false;
  const write = (s: string) => output.write(s);

  const state: LineState = {
    ctx,
    kit,
    place,
    output,
    privateOutput,
    text,
    shown: () => lastShown,
    setShown: (ids) => {
      lastShown = ids;
    },
    leave: () => {
      leaving = true;
      rl.close();
    },
  };
  const handle = (line: string) => handleLine(line, state);

  const interactive = isTTY(input);
  hints.write(`${SHELL_HINT}\n`);
  const rl = readLines(input, output);

  // Lines are answered one at a time, in order, even when piped faster than they are answered.
  let linesHandled = 0;
  const done = (async () => {
    // A pasted listing arrives as many lines; they are answered together (paste.ts).
    for await (const line of pasted(rl, isListingLine)) {
      if (leaving) break;
      await kit.work.run(
        () => handle(line),
        (err) => {
          ctx.logger.error({ err }, "shell: answering a line failed");
          write(renderText(ctx.portbot.failure("internal"), text));
        },
      );
      linesHandled += 1;
      if (interactive && !leaving) rl.prompt();
    }
  })();

  return {
    name: "shell",
    done,
    ready: () => kit.work.accepting,
    get linesHandled() {
      return linesHandled;
    },
    async stop() {
      rl.close();
      await done;
      await kit.work.close();
    },
  };
}
