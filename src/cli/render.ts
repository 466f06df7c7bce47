// A reply as the CLI prints it: wrapped to the terminal (80 columns when piped), coloured only on a
// terminal, without the chat's rating prompt. Loaded lazily: `portbot 5432 --json` never needs it.
import type { Reply } from "../core/reply-model.ts";
import type { CliIo } from "./io.ts";

export async function terminalText(reply: Reply, color: boolean, io: CliIo): Promise<string> {
  const { renderText, terminalOptions } = await import("../adapters/shell/render-text.ts");
  const terminal = terminalOptions({ isTTY: io.isTTY, columns: io.columns }, io.env);
  return renderText({ ...reply, ratingPrompt: null }, { color, ...terminal });
}
