// How much of an answer a terminal line asks for: a trailing `full` (the shell, and `portbot
// 60876 full` like `--full`). Its own module so the CLI's cold start loads nothing else.
import type { Detail } from "../../core/reply.ts";

/**
 * A trailing word `full` (or `--full`, as on the command line) asks for the whole answer:
 * `/port 60876 full`. Alone, `full` stays a query (a service could be called that).
 */
export function withDetail(text: string): { text: string; detail: Detail } {
  const full = /^(.*\S)\s+(?:--)?full$/iu.exec(text);
  return full?.[1] ? { text: full[1], detail: "full" } : { text, detail: "compact" };
}
