// The Discord adapter's entry points: main.ts calls startDiscord(ctx, config) when DISCORD_TOKEN is
// set; tests build one with createDiscordAdapter(ctx, config, options) against the fake Discord.
export {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
  startDiscord,
} from "./adapter.ts";
export { INTENTS, PARTIALS } from "./client.ts";
export { COMMANDS, manifestCommands } from "./commands.ts";
export { EMBED_LIMITS, renderReply } from "./embeds.ts";
export { COMMAND_ROUTES } from "./listeners/index.ts";
export { stripDiscordMarkup } from "./markup.ts";
