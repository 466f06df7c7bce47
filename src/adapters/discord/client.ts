// The discord.js client the adapter runs on: gateway intents and partials (none privileged), no
// mention ever parsed, and REST rate limits sat out only when short.
import { Client, GatewayIntentBits, Partials } from "discord.js";
import type { DiscordConfig } from "../../config.ts";

/**
 * Gateway intents: none privileged. MessageContent is privileged and not requested: Discord still
 * delivers the content of messages that mention the bot, of context-menu targets and of direct
 * messages to the bot, which is all the bot reads. DirectMessages brings those DMs (with the
 * Channel partial: a DM channel is never cached before its first message), DirectMessageReactions
 * the ratings on answers given there.
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.DirectMessageReactions,
] as const;

/**
 * Partials so reactions on answers no longer in cache still arrive (Message, Channel, Reaction),
 * and so a removal by a user the process has not seen arrives too (User: MESSAGE_REACTION_REMOVE
 * carries only `user_id`, and without this partial discord.js drops it).
 */
export const PARTIALS = [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User];

export function createClient(config: DiscordConfig, maxRateLimitWaitMs: number): Client {
  return new Client({
    intents: [...INTENTS],
    partials: PARTIALS,
    // Nothing a user types pings anyone, in any message the client sends.
    allowedMentions: { parse: [] },
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      rejectOnRateLimit: (info) => info.retryAfter > maxRateLimitWaitMs,
    },
  });
}
