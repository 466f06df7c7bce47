// An interaction discord.js could not read (packet-guard.ts drops it) still deserves an answer:
// the person clicked or typed something and would otherwise see "This interaction failed". If the
// raw dispatch carries its id and token, it is answered ephemerally with the core's words: a
// button's "no longer valid" for a component, "something went wrong" for anything else.
import { type Client, MessageFlags, Routes } from "discord.js";
import { z } from "zod";
import type { Portbot } from "../../core/portbot-api.ts";
import type { Logger } from "../../logger.ts";
import { renderReply } from "./embeds.ts";
import type { Packet } from "./packet-guard.ts";

/** Discord's interaction type for a message component (a button). */
const MESSAGE_COMPONENT = 3;
/** Callback type: a message, as the interaction's first response. */
const CHANNEL_MESSAGE = 4;

const Answerable = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  token: z.string().min(1).max(500),
  type: z.number().int(),
});

export async function answerDropped(
  packet: Packet | undefined,
  client: Client,
  portbot: Portbot,
  logger: Logger,
): Promise<void> {
  if (packet?.t !== "INTERACTION_CREATE") return;
  const parsed = Answerable.safeParse(packet.d);
  if (!parsed.success) return;
  const { id, token, type } = parsed.data;
  const reply = portbot.failure(type === MESSAGE_COMPONENT ? "invalid-button" : "internal");
  const [embeds = []] = renderReply(reply);
  try {
    await client.rest.post(Routes.interactionCallback(id, token), {
      body: { type: CHANNEL_MESSAGE, data: { embeds, flags: MessageFlags.Ephemeral } },
      auth: false,
    });
  } catch (error) {
    logger.warn({ err: error }, "discord: could not answer a malformed interaction");
  }
}
