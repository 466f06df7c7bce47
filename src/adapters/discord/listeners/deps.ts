// What the Discord listeners share.
import type { APIInteractionGuildMember, Client, GuildMember } from "discord.js";
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
  asker: { id: string; username: string; globalName: string | null },
): Place {
  return {
    platform: "discord",
    workspace: guildId ?? "",
    channel: channelId,
    thread: inThread ? channelId : null,
    asker: asker.id,
    askerName: asker.globalName ?? asker.username,
  };
}

/** The role ids of a guild member as an interaction or a message carries it (none in a DM). */
export function rolesOf(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (member === null) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}
