// `portbot discord register [--guild ID | --global]`: overwrites the application's commands with
// manifests/discord-commands.json (Discord's bulk overwrite: commands missing from the manifest are
// deleted, so the manifest stays the single source of truth). Guild commands appear at once (use
// them while developing); global ones are for production.
import { parseArgs } from "node:util";
import type { CliIo, Subcommand } from "./io.ts";

const USAGE = `Usage: portbot discord register [--guild ID | --global]

Overwrites the Discord application's commands with manifests/discord-commands.json.
  --guild ID   register in one guild (instant; for development). Default: DISCORD_GUILD_ID if set.
  --global     register globally even when DISCORD_GUILD_ID is set.
Needs DISCORD_TOKEN; DISCORD_APPLICATION_ID is looked up when absent; DISCORD_API_URL overrides the
REST base URL (https://discord.com/api).
`;

export const runDiscordRegister: Subcommand = async (args: string[], io: CliIo) => {
  let values: { guild?: string; global?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        guild: { type: "string" },
        global: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`portbot discord register: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.guild !== undefined && values.global) {
    io.stderr(`portbot discord register: --guild and --global exclude each other.\n\n${USAGE}`);
    return 2;
  }
  if (values.guild !== undefined && !/^\d{15,21}$/.test(values.guild)) {
    io.stderr("portbot discord register: --guild must be a numeric guild id (a snowflake).\n");
    return 2;
  }

  const { ConfigError, loadConfig } = await import("../config.ts");
  let discord: import("../config.ts").DiscordConfig | null;
  try {
    discord = loadConfig(io.env).discord;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!discord) {
    io.stderr("portbot discord register: DISCORD_TOKEN is not set (the bot token).\n");
    return 2;
  }

  const { REST, Routes, DiscordAPIError } = await import("discord.js");
  const { COMMANDS } = await import("../adapters/discord/commands.ts");
  const rest = new REST({ ...(discord.apiUrl ? { api: discord.apiUrl } : {}), timeout: 15_000 });
  rest.setToken(discord.token);
  const guild = values.global ? null : (values.guild ?? discord.guildId);
  try {
    let applicationId = discord.applicationId;
    if (!applicationId) {
      const app = (await rest.get(Routes.currentApplication())) as { id: string };
      applicationId = app.id;
    }
    const route = guild
      ? Routes.applicationGuildCommands(applicationId, guild)
      : Routes.applicationCommands(applicationId);
    const saved = (await rest.put(route, { body: COMMANDS })) as { name: string }[];
    const names = saved.map((c) => c.name).join(", ");
    io.stdout(
      guild
        ? `Registered ${saved.length} commands (${names}) in guild ${guild}.\n`
        : `Registered ${saved.length} commands (${names}) globally.\n`,
    );
    return 0;
  } catch (error) {
    const detail =
      error instanceof DiscordAPIError
        ? `${error.status} ${error.message} (code ${error.code})`
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr(`portbot discord register: Discord refused the commands: ${detail}\n`);
    return 1;
  }
};
