// The shell's platform port: "posting" is printing to the terminal, which only the person at it
// reads, so private replies print too. Message ids are made up locally so answers can be rated.
import type { Writable } from "node:stream";
import type { Reply } from "../../core/reply-model.ts";
import type { PlatformPort, Posted } from "../kit/index.ts";
import { renderText, type TextOptions } from "./render-text.ts";

export const SHELL_WORKSPACE = "local";
export const SHELL_CHANNEL = "shell";

export interface ShellPort extends PlatformPort {
  /** Ids of the rateable answers printed for this request, in order. */
  readonly rateable: string[];
}

let counter = 0;

export function shellPort(output: Writable, privateOutput: Writable, text: TextOptions): ShellPort {
  const rateable: string[] = [];
  const print = (reply: Reply, to = output) => to.write(renderText(reply, text));
  return {
    capabilities: { privateReplies: true, ratings: "type", buttons: false },
    rateable,
    async postPublic(reply) {
      print(reply);
      const posted: Posted = {
        channel: SHELL_CHANNEL,
        messageId: `shell-${Date.now()}-${++counter}`,
      };
      if (reply.ratable) rateable.push(posted.messageId);
      return posted;
    },
    async sendPrivate(replies) {
      for (const r of replies) print(r, privateOutput);
    },
    async react() {
      // Ratings are typed in the terminal (capabilities.ratings = "type"): nothing to seed.
    },
    classify: () => "other",
  };
}
