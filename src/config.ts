// Environment → typed configuration. Secrets come only from the environment (or a .env file loaded
// by main.ts before this runs); a missing or malformed one stops the start with a message naming it.
import { join } from "node:path";
import { z } from "zod";
import { defaultDataDir } from "./paths.ts";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const url = (name: string) =>
  optional.refine((v) => v === undefined || URL.canParse(v), `${name} must be a URL`);

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optional.refine(
    (v) => v === undefined || v.startsWith("xoxb-"),
    "SLACK_BOT_TOKEN must be a bot token (xoxb-…)",
  ),
  SLACK_APP_TOKEN: optional.refine(
    (v) => v === undefined || v.startsWith("xapp-"),
    "SLACK_APP_TOKEN must be an app-level token (xapp-…)",
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: url("SLACK_API_URL"),
  // An empty PORT= means unset (the default), not port 0.
  PORT: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(0).max(65535).default(3000),
  ),
  // Health and metrics (/healthz, /readyz, /metrics) for the chat adapters; 0 picks a free port.
  HEALTH_PORT: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(0).max(65535).default(9464),
  ),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.refine(
    (v) => v === undefined || /^\d{15,21}$/.test(v),
    "DISCORD_APPLICATION_ID must be a numeric snowflake",
  ),
  DISCORD_GUILD_ID: optional.refine(
    (v) => v === undefined || /^\d{15,21}$/.test(v),
    "DISCORD_GUILD_ID must be a numeric snowflake",
  ),
  DISCORD_API_URL: url("DISCORD_API_URL"),
  DATABASE_URL: url("DATABASE_URL"),
  PORTBOT_DB: optional,
  PORTBOT_DATA_DIR: optional,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface SlackConfig {
  botToken: string;
  /** Socket Mode when set. */
  appToken: string | null;
  /** HTTP mode (required when appToken is absent). */
  signingSecret: string | null;
  apiUrl: string | null;
  port: number;
}

export interface DiscordConfig {
  token: string;
  applicationId: string | null;
  guildId: string | null;
  apiUrl: string | null;
}

export interface Config {
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
  /** PostgreSQL when set, else SQLite at sqlitePath. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** Where `portbot data update` keeps the downloaded IANA CSV. */
  dataDir: string;
  logLevel: string;
  /** Port of the health and metrics server (chat adapters only). */
  healthPort: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export { defaultDataDir };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? "")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  const missing: string[] = [];

  let slack: SlackConfig | null = null;
  const slackAsked = e.SLACK_BOT_TOKEN ?? e.SLACK_APP_TOKEN ?? e.SLACK_SIGNING_SECRET;
  if (slackAsked !== undefined) {
    if (e.SLACK_BOT_TOKEN === undefined) missing.push("SLACK_BOT_TOKEN (the bot token, xoxb-…)");
    if (e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET === undefined) {
      missing.push(
        "SLACK_APP_TOKEN (Socket Mode, xapp-…) or SLACK_SIGNING_SECRET (HTTP mode): one of them",
      );
    }
    if (e.SLACK_BOT_TOKEN !== undefined) {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN ?? null,
        signingSecret: e.SLACK_SIGNING_SECRET ?? null,
        apiUrl: e.SLACK_API_URL ?? null,
        port: e.PORT,
      };
    }
  }

  let discord: DiscordConfig | null = null;
  const discordAsked = e.DISCORD_TOKEN ?? e.DISCORD_APPLICATION_ID ?? e.DISCORD_GUILD_ID;
  if (discordAsked !== undefined) {
    if (e.DISCORD_TOKEN === undefined) missing.push("DISCORD_TOKEN (the bot token)");
    else {
      discord = {
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID ?? null,
        guildId: e.DISCORD_GUILD_ID ?? null,
        apiUrl: e.DISCORD_API_URL ?? null,
      };
    }
  }

  if (missing.length > 0) {
    throw new ConfigError(`Missing configuration:\n  ${missing.join("\n  ")}`);
  }

  const dataDir = e.PORTBOT_DATA_DIR ?? defaultDataDir(env);
  return {
    slack,
    discord,
    databaseUrl: e.DATABASE_URL ?? null,
    sqlitePath: e.PORTBOT_DB ?? join(dataDir, "feedback.db"),
    dataDir,
    logLevel: e.LOG_LEVEL,
    healthPort: e.HEALTH_PORT,
  };
}
