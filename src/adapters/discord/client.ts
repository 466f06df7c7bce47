// The discord.js client the adapter runs on: gateway intents and partials (none privileged), no
// mention ever parsed, and REST rate limits sat out only when short.
import { Client, GatewayIntentBits, Options, Partials } from "discord.js";
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

/**
 * What discord.js caches: only what the bot reads. It reads the bot's own user, guilds and channels
 * (a thread or not); every message, reaction and user it handles arrives in its event (partials
 * cover the rest). By default discord.js keeps the last 200 messages of every channel it sees,
 * plus every member, user, emoji, sticker, presence and voice state: memory that grows with the
 * servers the bot is in and the traffic in them, for nothing. Guilds, channels, roles and
 * permission overwrites stay unlimited (discord.js needs them whole).
 */
export const CACHE_LIMITS = {
  MessageManager: 0,
  DMMessageManager: 0,
  GuildMessageManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  ThreadMemberManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  GuildEmojiManager: 0,
  BaseGuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  GuildInviteManager: 0,
  GuildBanManager: 0,
  StageInstanceManager: 0,
  AutoModerationRuleManager: 0,
  ApplicationCommandManager: 0,
  ApplicationEmojiManager: 0,
  EntitlementManager: 0,
  // The bot's own member and user stay: discord.js reads them (permissions, client.user).
  GuildMemberManager: {
    maxSize: 0,
    keepOverLimit: (member: { id: string; client: Client }) => member.id === member.client.user?.id,
  },
  UserManager: {
    maxSize: 0,
    keepOverLimit: (user: { id: string; client: Client }) => user.id === user.client.user?.id,
  },
} as const;

export function createClient(config: DiscordConfig, maxRateLimitWaitMs: number): Client {
  return new Client({
    intents: [...INTENTS],
    partials: PARTIALS,
    makeCache: Options.cacheWithLimits(CACHE_LIMITS),
    // Nothing a user types pings anyone, in any message the client sends.
    allowedMentions: { parse: [] },
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      rejectOnRateLimit: (info) => info.retryAfter > maxRateLimitWaitMs,
    },
  });
}
