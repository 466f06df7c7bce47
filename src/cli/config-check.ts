// `portbot config check`: the configuration `portbot serve` would start with (the environment plus
// .env in the working directory), checked without connecting anywhere. Exit 0 with a summary, or 2
// with one line per problem. Nothing secret is printed: only which variables are set, never values.
import { type Config, checkConfig, NOTHING_TO_SERVE } from "../config.ts";
import type { CliIo, Subcommand } from "./io.ts";

export const CONFIG_USAGE = `Usage: portbot config check
    Checks the configuration \`portbot serve\` would start with (the environment, plus .env in the
    working directory) without connecting to anything: exit 0 and a summary when it would start,
    2 and one line per problem when it would not. Secrets are never printed.
`;

const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).host : "?");

function slackLine(config: Config): string {
  const s = config.slack;
  if (s === null) return "Slack:     off (SLACK_BOT_TOKEN not set)";
  const mode =
    s.appToken !== null
      ? `Socket Mode (SLACK_APP_TOKEN${s.signingSecret !== null ? "; SLACK_SIGNING_SECRET unused" : ""})`
      : `HTTP mode on PORT ${s.port} at /slack/events (SLACK_SIGNING_SECRET)`;
  return `Slack:     ${mode}${s.apiUrl !== null ? `, Web API at ${hostOf(s.apiUrl)}` : ""}`;
}

function discordLine(config: Config): string {
  const d = config.discord;
  if (d === null) return "Discord:   off (DISCORD_TOKEN not set)";
  const parts = ["on"];
  if (d.applicationId !== null) parts.push(`application ${d.applicationId}`);
  if (d.guildId !== null) parts.push(`guild ${d.guildId} for discord register`);
  if (d.apiUrl !== null) parts.push(`REST at ${hostOf(d.apiUrl)}`);
  return `Discord:   ${parts.join(", ")}`;
}

function summary(config: Config): string {
  const store =
    config.databaseUrl !== null
      ? `PostgreSQL at ${hostOf(config.databaseUrl)} (DATABASE_URL)`
      : `SQLite at ${config.sqlitePath}`;
  return [
    "Configuration OK: portbot serve would start with",
    `  ${slackLine(config)}`,
    `  ${discordLine(config)}`,
    `  Store:     ${store}`,
    `  Data dir:  ${config.dataDir}`,
    `  Log level: ${config.logLevel}`,
    "Nothing was contacted: tokens were checked for their form only.",
    "",
  ].join("\n");
}

function check(args: string[], io: CliIo): number {
  if (args.length > 0) {
    io.stderr(`portbot config check: unexpected argument “${args[0]}”.\n\n${CONFIG_USAGE}`);
    return 2;
  }
  const { config, problems } = checkConfig(io.env);
  const lines =
    config === null
      ? problems
      : config.slack === null && config.discord === null
        ? [NOTHING_TO_SERVE]
        : [];
  if (config === null || lines.length > 0) {
    for (const line of lines) io.stderr(`portbot config check: ${line}\n`);
    return 2;
  }
  io.stdout(summary(config));
  return 0;
}

/** `portbot config …`: args are what follows `config`. */
export const runConfig: Subcommand = async (args, io) => {
  const [command, ...rest] = args;
  if (command === "check") return check(rest, io);
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout(CONFIG_USAGE);
    return 0;
  }
  io.stderr(
    `portbot config: ${command === undefined ? "which config command? (check)" : `unknown config command “${command}”`}\n\n${CONFIG_USAGE}`,
  );
  return 2;
};
