// The default adapter (as Hubot's shell): read lines, answer them as the chat bots would, and
// let the person rate the last answer by typing, so the whole loop works offline and in scripts.
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Reply } from "../../core/reply-model.ts";
import { SHELL_HINT, SHELL_RATED, SHELL_RATING_PROMPT } from "../../core/wording.ts";
import { ratingForEmoji } from "../../feedback/ratings.ts";
import type { AdapterContext, RunningAdapter } from "../context.ts";
import { withStats } from "../with-stats.ts";
import { renderText } from "./render-text.ts";

export interface ShellOptions {
  input?: Readable;
  output?: Writable;
  /** Where the hint goes; stderr by default so piped output holds only answers. */
  hints?: Writable;
  color?: boolean;
}

const SHELL_WORKSPACE = "local";
const SHELL_CHANNEL = "shell";

function voterName(): string {
  try {
    return userInfo().username;
  } catch {
    return "shell-user";
  }
}

/** What one typed line asks for. */
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
  if (looksLikeRating && ratingForEmoji(trimmed) !== null) return { kind: "rate", emoji: trimmed };
  const mention = /^@portbot\b[\s,:]*/iu.exec(trimmed);
  if (mention) return { kind: "mention", text: trimmed.slice(mention[0].length) };
  const slash = /^\/(\S+)\s*/u.exec(trimmed);
  if (slash) {
    if (slash[1]?.toLowerCase() !== "port")
      return { kind: "unknown-command", command: slash[1] ?? "" };
    return { kind: "query", text: trimmed.slice(slash[0].length) };
  }
  return { kind: "query", text: trimmed };
}

export async function startShell(
  ctx: AdapterContext,
  options: ShellOptions = {},
): Promise<RunningAdapter & { done: Promise<void> }> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const hints = options.hints ?? process.stderr;
  const color =
    options.color ?? ((output as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR);
  const voter = voterName();
  let lastRated: string | null = null;
  let counter = 0;

  const write = (s: string) => output.write(s);
  const show = async (reply: Reply, query: string) => {
    const ratable = reply.ratable;
    write(renderText({ ...reply, ratingPrompt: ratable ? SHELL_RATING_PROMPT : null }, { color }));
    if (!ratable) return;
    const messageId = `shell-${Date.now()}-${++counter}`;
    await ctx.store.recordAnswer({
      platform: "shell",
      workspace: SHELL_WORKSPACE,
      channel: SHELL_CHANNEL,
      messageId,
      thread: null,
      query,
      ports: reply.ports,
      asker: voter,
      at: new Date(),
    });
    lastRated = messageId;
  };

  const handle = async (line: string) => {
    const input = readShellLine(line);
    switch (input.kind) {
      case "blank":
        return;
      case "rate": {
        const rating = ratingForEmoji(input.emoji);
        if (lastRated === null || rating === null) {
          write(`${SHELL_RATED.nothing}\n`);
          return;
        }
        await ctx.store.recordReaction({
          eventId: randomUUID(),
          platform: "shell",
          workspace: SHELL_WORKSPACE,
          channel: SHELL_CHANNEL,
          messageId: lastRated,
          voter,
          emoji: input.emoji,
          action: "added",
          fromBot: false,
          at: new Date(),
        });
        write(`${SHELL_RATED[rating]}\n`);
        return;
      }
      case "unknown-command":
        write(renderText(ctx.portbot.help(), { color }));
        return;
      case "mention":
      case "query": {
        const found =
          input.kind === "mention"
            ? ctx.portbot.repliesForMessage(input.text)
            : [ctx.portbot.reply(input.text)];
        const replies = await withStats(
          found.length > 0 ? found : [ctx.portbot.usageHint()],
          ctx.portbot,
          ctx.store,
        );
        for (const r of replies) await show(r, input.text);
        return;
      }
    }
  };

  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  hints.write(`${SHELL_HINT}\n`);
  const rl = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  if (interactive) {
    rl.setPrompt("portbot> ");
    rl.prompt();
  }

  // Lines are answered one at a time, in order, even when piped faster than they are answered.
  const done = (async () => {
    for await (const line of rl) {
      try {
        await handle(line);
      } catch (err) {
        ctx.logger.error({ err }, "shell: answering a line failed");
        write(renderText(ctx.portbot.failure("internal"), { color }));
      }
      if (interactive) rl.prompt();
    }
  })();

  return {
    name: "shell",
    done,
    async stop() {
      rl.close();
      await done;
    },
  };
}
