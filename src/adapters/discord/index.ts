// The Discord adapter's entry points: main.ts calls startDiscord(ctx) when DISCORD_TOKEN is set;
// tests build one with createDiscordAdapter(ctx, options) against the fake Discord.
export {
  COMMAND_ROUTES,
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
  INTENTS,
  PARTIALS,
  startDiscord,
} from "./bot.ts";
export { COMMANDS, manifestCommands } from "./commands.ts";
export { EMBED_LIMITS, renderReply } from "./embeds.ts";
export { stripDiscordMarkup } from "./markup.ts";
