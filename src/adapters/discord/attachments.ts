// Text files attached to a question. A Discord message holds at most 2,000 characters, so a socket
// listing of any size has to be sent as a .txt file. The bot reads such files: only from Discord's
// own CDN (or the API host it was configured with), only text, only small ones; if reading fails it
// answers from the message's text.
import type { Attachment, Client, Collection } from "discord.js";
import type { Logger } from "../../logger.ts";

/** Bytes read at most from one file: more than any listing the core reads (200,000 characters). */
export const MAX_ATTACHMENT_BYTES = 256 * 1024;
/** Files read at most from one message. */
const MAX_TEXT_ATTACHMENTS = 3;
const FETCH_TIMEOUT_MS = 5_000;

/** Where Discord serves attachments; the configured API host too (DISCORD_API_URL, tests). */
function attachmentOrigins(client: Client): string[] {
  const origins = ["https://cdn.discordapp.com", "https://media.discordapp.net"];
  const api = client.options.rest?.api;
  if (typeof api === "string" && URL.canParse(api)) origins.push(new URL(api).origin);
  return origins;
}

function isReadable(a: Attachment, origins: readonly string[]): boolean {
  const textual = /^text\/plain\b/i.test(a.contentType ?? "") || /\.(txt|log)$/i.test(a.name);
  return (
    textual &&
    a.size <= MAX_ATTACHMENT_BYTES &&
    URL.canParse(a.url) &&
    origins.includes(new URL(a.url).origin)
  );
}

async function readText(url: string): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: "error",
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return new TextDecoder().decode(bytes.subarray(0, MAX_ATTACHMENT_BYTES));
}

/** The text of the message's readable attachments (none when it has none or they fail). */
async function attachedText(
  attachments: Collection<string, Attachment>,
  client: Client,
  logger: Logger,
): Promise<string[]> {
  const origins = attachmentOrigins(client);
  const readable = [...attachments.values()]
    .filter((a) => isReadable(a, origins))
    .slice(0, MAX_TEXT_ATTACHMENTS);
  const texts = await Promise.all(
    readable.map((a) =>
      readText(a.url).catch((err: unknown) => {
        logger.warn({ err, attachment: a.name }, "discord: an attachment could not be read");
        return "";
      }),
    ),
  );
  return texts.filter((t) => t.trim() !== "");
}

/** The question in a message: its text, then the text of its attached files. */
export async function questionText(
  content: string,
  attachments: Collection<string, Attachment>,
  client: Client,
  logger: Logger,
): Promise<string> {
  if (attachments.size === 0) return content;
  return [content, ...(await attachedText(attachments, client, logger))].join("\n");
}
