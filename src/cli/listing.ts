// `ss -ltnp | portbot` (or a listing as the argument): the pasted-listing table chat gives, in the
// terminal, and with --json every socket as data.
import type { ListingAnswer } from "../core/listing/answer.ts";
import type { Portbot } from "../core/portbot-api.ts";
import type { CliIo } from "./io.ts";

/** --json keeps every socket the input shows, up to this many (a chat answer shows 50). */
const JSON_MAX_SOCKETS = 10_000;

export interface ListingOutput {
  json: boolean;
  color: boolean;
}

/** The listing's JSON: the format, how many sockets it had, and each with what it most likely is. */
export function listingJson(answer: ListingAnswer, query: string): string {
  const sockets = answer.rows.map(({ socket, likely, exposure }) => ({
    protocol: socket.protocol,
    local: socket.local,
    peer: socket.peer,
    state: socket.state,
    process: socket.process,
    servicePort: socket.servicePort,
    likely,
    exposure:
      exposure === null
        ? null
        : { product: exposure.product, note: exposure.note, source: exposure.source },
  }));
  const body = { query, kind: "listing", format: answer.format, total: answer.total, sockets };
  return `${JSON.stringify(body)}\n`;
}

/** Answers `text` as a socket listing; false when it holds none (the caller answers it as a query). */
export async function answerListingCli(
  portbot: Portbot,
  text: string,
  output: ListingOutput,
  io: CliIo,
): Promise<boolean> {
  if (output.json) {
    const answer = portbot.listingAnswer(text, { max: JSON_MAX_SOCKETS });
    if (answer === null) return false;
    io.stdout(listingJson(answer, text));
    return true;
  }
  const reply = portbot.listing(text);
  if (reply === null) return false;
  const { terminalText } = await import("./render.ts");
  io.stdout(await terminalText(reply, output.color, io));
  return true;
}
