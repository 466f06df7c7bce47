// The default adapter (as Hubot's shell): read lines, answer them through the kit as the chat
// bots would, and let the person rate the answers just shown by typing, so the whole loop works
// offline and in scripts.
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
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
import { SHELL_CHANNEL, SHELL_WORKSPACE, shellPort } from "./port.ts";
import { SHELL_RATINGS } from "./ratings.ts";
import { renderText, terminalOptions } from "./render-text.ts";

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

export async function startShell(
  ctx: AdapterContext,
  options: ShellOptions = {},
): Promise<RunningAdapter & { done: Promise<void>; readonly linesHandled: number }> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const privateOutput = options.privateOutput ?? output;
  const hints = options.hints ?? process.stderr;
  const color =
    options.color ?? ((output as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR);
  // Wrapping and hyperlinks as this terminal allows (none when piped).
  const text = {
    color,
    ...terminalOptions(output as { isTTY?: boolean; columns?: number }, process.env),
  };
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
  const write = (s: string) => output.write(s);

  const rate = (emoji: string) => rateShown(kit, place, lastShown, emoji, write);
  const handle = async (line: string) => {
    const typed = readShellLine(line);
    switch (typed.kind) {
      case "blank":
        return;
      case "rate":
        return rate(typed.emoji);
      case "unknown-command":
        write(renderText(ctx.portbot.help(), text));
        return;
      case "mention":
      case "query": {
        const port = shellPort(output, privateOutput, text);
        const surface = typed.kind === "mention" ? "message" : "command";
        await kit.answer({ surface, text: typed.text }, port, place);
        lastShown = port.rateable;
        return;
      }
    }
  };

  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  hints.write(`${SHELL_HINT}\n`);
  const rl = readLines(input, output);

  // Lines are answered one at a time, in order, even when piped faster than they are answered.
  let linesHandled = 0;
  const done = (async () => {
    for await (const line of rl) {
      await kit.work.run(
        () => handle(line),
        (err) => {
          ctx.logger.error({ err }, "shell: answering a line failed");
          write(renderText(ctx.portbot.failure("internal"), text));
        },
      );
      linesHandled += 1;
      if (interactive) rl.prompt();
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
