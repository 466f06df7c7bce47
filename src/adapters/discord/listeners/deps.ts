// What the Discord listeners share.
import type { Client } from "discord.js";
import type { Portbot } from "../../../core/portbot-api.ts";
import type { Logger } from "../../../logger.ts";
import type { Kit, Place } from "../../kit/index.ts";
import type { ReactionDeliveries } from "../reaction-ids.ts";

export interface DiscordDeps {
  client: Client;
  kit: Kit;
  portbot: Portbot;
  logger: Logger;
  deliveries: ReactionDeliveries;
}

export function placeOf(
  guildId: string | null,
  channelId: string,
  inThread: boolean,
  asker: string,
): Place {
  return {
    platform: "discord",
    workspace: guildId ?? "",
    channel: channelId,
    thread: inThread ? channelId : null,
    asker,
  };
}
