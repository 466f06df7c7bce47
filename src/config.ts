// Environment → typed configuration. Secrets come only from the environment (or the .env file that
// env.ts adds to it); a missing or malformed one stops the start with one line per problem naming
// the variable, never its value.
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

/** A Discord bot token: three base64url parts separated by dots (user id, timestamp, HMAC). */
const DISCORD_TOKEN_FORMAT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** PostgreSQL is the only server store; anything else (mysql://, sqlite://) is refused by name. */
const postgresUrl = optional.superRefine((v, ctx) => {
  if (v === undefined) return;
  if (!URL.canParse(v)) {
    ctx.addIssue({
      code: "custom",
      message: "DATABASE_URL must be a URL (postgres://user:password@host:5432/database)",
    });
    return;
  }
  const scheme = new URL(v).protocol;
  if (scheme !== "postgres:" && scheme !== "postgresql:") {
    ctx.addIssue({
      code: "custom",
      message: `DATABASE_URL must be a PostgreSQL URL (postgres:// or postgresql://), not ${scheme}//: leave it unset for SQLite`,
    });
  }
});

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

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
  DISCORD_TOKEN: optional.refine(
    (v) => v === undefined || DISCORD_TOKEN_FORMAT.test(v),
    'DISCORD_TOKEN must be a bot token: three parts separated by dots, as the Bot page shows it (no "Bot " prefix)',
  ),
  DISCORD_APPLICATION_ID: optional.refine(
    (v) => v === undefined || /^\d{15,21}$/.test(v),
    "DISCORD_APPLICATION_ID must be a numeric snowflake",
  ),
  DISCORD_GUILD_ID: optional.refine(
    (v) => v === undefined || /^\d{15,21}$/.test(v),
    "DISCORD_GUILD_ID must be a numeric snowflake",
  ),
  DISCORD_API_URL: url("DISCORD_API_URL"),
  DATABASE_URL: postgresUrl,
  // Who may change team notes: Slack user group / Discord role ids (or user ids), comma-separated.
  NOTES_EDITORS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .regex(
        /^\s*[A-Za-z0-9]{1,40}(\s*,\s*[A-Za-z0-9]{1,40})*\s*$/,
        "NOTES_EDITORS must be a comma-separated list of ids (Slack user group S…, Discord role snowflakes, or user ids)",
      )
      .optional(),
  ),
  PORTBOT_DB: optional,
  PORTBOT_DATA_DIR: optional,
  // Empty means unset here too (.env.example leaves every value empty).
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` })
      .default("info"),
  ),
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
  /** Ids allowed to change team notes (groups, roles or users); empty or absent: anyone. */
  notesEditors?: readonly string[];
}

/** Every problem found, one line each, naming the variable and never its value. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[] | string) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"));
    this.problems = list;
  }
}

export { defaultDataDir };

/** Every variable the configuration reads (.env.example documents each). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/** What `portbot serve` asks for when no platform is configured. */
export const NOTHING_TO_SERVE =
  "nothing to run: set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) for Slack, and/or DISCORD_TOKEN for Discord (see .env.example)";

type Env = z.infer<typeof EnvSchema>;

function slackPart(e: Env, missing: string[]): SlackConfig | null {
  if ((e.SLACK_BOT_TOKEN ?? e.SLACK_APP_TOKEN ?? e.SLACK_SIGNING_SECRET) === undefined) return null;
  if (e.SLACK_BOT_TOKEN === undefined)
    missing.push("SLACK_BOT_TOKEN is missing (the bot token, xoxb-…)");
  if (e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET === undefined) {
    missing.push(
      "SLACK_APP_TOKEN (Socket Mode, xapp-…) or SLACK_SIGNING_SECRET (HTTP mode) is missing: set one of them",
    );
  }
  if (e.SLACK_BOT_TOKEN === undefined) return null;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    appToken: e.SLACK_APP_TOKEN ?? null,
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    apiUrl: e.SLACK_API_URL ?? null,
    port: e.PORT,
  };
}

function discordPart(e: Env, missing: string[]): DiscordConfig | null {
  if ((e.DISCORD_TOKEN ?? e.DISCORD_APPLICATION_ID ?? e.DISCORD_GUILD_ID) === undefined)
    return null;
  if (e.DISCORD_TOKEN === undefined) {
    missing.push("DISCORD_TOKEN is missing (the bot token)");
    return null;
  }
  return {
    token: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID ?? null,
    guildId: e.DISCORD_GUILD_ID ?? null,
    apiUrl: e.DISCORD_API_URL ?? null,
  };
}

/** zod's issue as one line that starts with the variable's name. */
function problemLine(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? "");
  return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
}

/** The configuration, or every problem with it (malformed values and missing partners alike). */
export function checkConfig(
  env: NodeJS.ProcessEnv = process.env,
): { config: Config; problems: [] } | { config: null; problems: string[] } {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Report the missing partners of what did parse too, so one run shows every problem.
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")));
    const rest = Object.fromEntries(Object.entries(env).filter(([k]) => !bad.has(k)));
    const again = EnvSchema.safeParse(rest);
    const missing: string[] = [];
    if (again.success) {
      slackPart(again.data, missing);
      discordPart(again.data, missing);
    }
    const unrelated = missing.filter((line) => ![...bad].some((name) => line.startsWith(name)));
    return { config: null, problems: [...parsed.error.issues.map(problemLine), ...unrelated] };
  }
  const e = parsed.data;
  const missing: string[] = [];
  const slack = slackPart(e, missing);
  const discord = discordPart(e, missing);
  if (missing.length > 0) return { config: null, problems: missing };
  const dataDir = e.PORTBOT_DATA_DIR ?? defaultDataDir(env);
  return {
    config: {
      slack,
      discord,
      databaseUrl: e.DATABASE_URL ?? null,
      sqlitePath: e.PORTBOT_DB ?? join(dataDir, "feedback.db"),
      dataDir,
      logLevel: e.LOG_LEVEL,
      healthPort: e.HEALTH_PORT,
      notesEditors: (e.NOTES_EDITORS ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id !== ""),
    },
    problems: [],
  };
}

/** The configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { config, problems } = checkConfig(env);
  if (config === null) throw new ConfigError(problems);
  return config;
}
