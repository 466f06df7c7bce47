// Start-up failures as one line for whoever runs the bot: which variable or service failed and what
// to do about it. The error itself (stack, library details) is only logged at LOG_LEVEL=debug, and
// the line never carries a secret: tokens, the signing secret, the database URL and its password
// are cut out of anything quoted from an error.
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

/** What was starting: the feedback store, the health server, or one platform's adapter. */
export type StartStep = "store" | "health" | "slack" | "discord";

/** Tags a failure with the credential being checked when it happened (SLACK_BOT_TOKEN at auth.test). */
export class CredentialCheckError extends Error {
  override name = "CredentialCheckError";
  readonly variable: string;
  constructor(variable: string, cause: unknown) {
    super(`checking ${variable} failed`, { cause });
    this.variable = variable;
  }
}

const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** Slack's answers that mean "this token is not (or no longer) good". */
const SLACK_AUTH_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
]);

const DEBUG_HINT = "LOG_LEVEL=debug shows the details";

type Fields = { code?: unknown; cause?: unknown; original?: unknown; data?: unknown };

/** The error and what it wraps (`cause`, web-api's `original`), outermost first. */
function chain(error: unknown): Fields[] {
  const out: Fields[] = [];
  let e: unknown = error;
  while (typeof e === "object" && e !== null && out.length < 8 && !out.includes(e as Fields)) {
    const f = e as Fields;
    out.push(f);
    e = f.cause ?? f.original;
  }
  return out;
}

function codeOf(error: unknown, accept: (code: string) => boolean): string | null {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && accept(e.code)) return e.code;
  }
  return null;
}

const networkCode = (error: unknown) => codeOf(error, (c) => NETWORK_CODES.has(c));

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").trim().slice(0, 200);
}

/** pg's connect timeout, fetch's AbortSignal.timeout, undici's connect timeout. */
function timedOut(error: unknown): boolean {
  return chain(error).some(
    (e) =>
      (e as { name?: unknown }).name === "TimeoutError" ||
      /timeout expired|connection timeout|aborted due to timeout|timed out/i.test(messageOf(e)),
  );
}

const unreachable = (error: unknown) =>
  networkCode(error) ?? (timedOut(error) ? "timed out" : null);

function slackPlatformError(error: unknown): string | null {
  for (const e of chain(error)) {
    if (e.code !== "slack_webapi_platform_error") continue;
    const data = e.data as { error?: unknown } | undefined;
    if (typeof data?.error === "string") return data.error;
  }
  return null;
}

function hostOf(url: string | null, fallback: string): string {
  if (url === null || !URL.canParse(url)) return fallback;
  return new URL(url).host || fallback;
}

function explainSlack(error: unknown, config: Config): string | null {
  const slack = config.slack;
  if (slack === null) return null;
  const checked = chain(error).find((e) => e instanceof CredentialCheckError);
  const variable =
    checked instanceof CredentialCheckError
      ? checked.variable
      : slack.appToken !== null
        ? "SLACK_APP_TOKEN"
        : "SLACK_BOT_TOKEN";
  const refused = slackPlatformError(error);
  if (refused !== null && SLACK_AUTH_ERRORS.has(refused)) {
    return variable === "SLACK_APP_TOKEN"
      ? `Slack refused SLACK_APP_TOKEN (${refused}): create an app-level token with connections:write (Basic Information → App-Level Tokens) and set it`
      : `Slack refused SLACK_BOT_TOKEN (${refused}): set the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, and reinstall the app if it was revoked`;
  }
  if (refused !== null) return `Slack answered ${refused} when checking ${variable}; ${DEBUG_HINT}`;
  const network = unreachable(error);
  if (network !== null) {
    const where = hostOf(slack.apiUrl, "slack.com");
    return `cannot reach Slack at ${where} (${network}): check the network${slack.apiUrl === null ? "" : " and SLACK_API_URL"}`;
  }
  const listen = codeOf(error, (c) => c === "EADDRINUSE" || c === "EACCES");
  if (listen !== null && slack.appToken === null) {
    return `cannot listen on PORT ${slack.port} for Slack's HTTP requests (${listen}): set PORT to a free port${listen === "EACCES" ? " above 1023" : ""}`;
  }
  return null;
}

function explainDiscord(error: unknown, config: Config): string | null {
  const discord = config.discord;
  if (discord === null) return null;
  const invalid = chain(error).some(
    (e) => e.code === "TokenInvalid" || (e as { status?: unknown }).status === 401,
  );
  if (invalid) {
    return "Discord refused DISCORD_TOKEN (401, TokenInvalid): reset the token on the application's Bot page (discord.com/developers) and set the new one";
  }
  if (codeOf(error, (c) => c === "DisallowedIntents") !== null) {
    return "Discord refused the gateway intents (DisallowedIntents): portbot needs no privileged intent; check the application's Bot page";
  }
  const network = unreachable(error);
  if (network !== null) {
    const where = hostOf(discord.apiUrl, "discord.com");
    return `cannot reach Discord at ${where} (${network}): check the network${discord.apiUrl === null ? "" : " and DISCORD_API_URL"}`;
  }
  return null;
}

const PG_STATES: Record<string, string> = {
  "28P01":
    "PostgreSQL refused the login in DATABASE_URL (28P01, wrong password): check its user and password",
  "28000":
    "PostgreSQL refused the login in DATABASE_URL (28000): check its user and the server's pg_hba.conf",
  "3D000":
    "PostgreSQL has no such database (3D000): create it, or fix the database name in DATABASE_URL",
  "42501":
    "the DATABASE_URL user may not create portbot's tables (42501): grant it CREATE on the schema",
  "57P03":
    "PostgreSQL is starting up and refuses connections (57P03): start portbot once it is ready",
  "53300": "PostgreSQL has no free connection (53300, too many clients): raise max_connections",
};

function explainStore(error: unknown, config: Config): string | null {
  if (config.databaseUrl !== null) {
    const where = hostOf(config.databaseUrl, "the server in DATABASE_URL");
    const network = unreachable(error);
    if (network !== null) {
      return `cannot reach PostgreSQL at ${where} (${network}): check DATABASE_URL and that the server is running`;
    }
    const ssl = chain(error).find((e) => /\bSSL\b/.test(messageOf(e)));
    if (ssl !== undefined) {
      return `PostgreSQL at ${where} and DATABASE_URL disagree about SSL (${messageOf(ssl)}): set or remove sslmode in DATABASE_URL`;
    }
    const state = codeOf(error, (c) => /^[0-9A-Z]{5}$/.test(c));
    if (state !== null)
      return PG_STATES[state] ?? `PostgreSQL refused to start (${state}); ${DEBUG_HINT}`;
    return null;
  }
  const reason =
    codeOf(error, (c) => /^E[A-Z]+$/.test(c)) ??
    (chain(error)
      .map((e) => (e as { errstr?: unknown }).errstr)
      .find((s) => typeof s === "string") as string | undefined) ??
    null;
  if (reason === null) return null;
  return `cannot open the SQLite ratings file ${config.sqlitePath} (${reason}): check PORTBOT_DB or PORTBOT_DATA_DIR (a writable place for the file), or set DATABASE_URL for PostgreSQL`;
}

function explainHealth(error: unknown, config: Config): string | null {
  const listen = codeOf(error, (c) => c === "EADDRINUSE" || c === "EACCES");
  if (listen === null) return null;
  return `cannot listen on HEALTH_PORT ${config.healthPort} for /healthz and /metrics (${listen}): set HEALTH_PORT to a free port`;
}

const STEP_NAME: Record<StartStep, string> = {
  store: "the feedback store",
  health: "the health server",
  slack: "Slack",
  discord: "Discord",
};

/** Every secret of the configuration, to cut out of quoted error text. */
function secretsOf(config: Config): string[] {
  const secrets = [
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    config.discord?.token,
    config.databaseUrl,
  ];
  if (config.databaseUrl !== null && URL.canParse(config.databaseUrl)) {
    const password = new URL(config.databaseUrl).password;
    secrets.push(password, decodeURIComponent(password));
  }
  return secrets.filter((s): s is string => typeof s === "string" && s.length >= 3);
}

/** One line (no newline, no stack, no secret) saying what failed and what to do. */
export function explainStartupFailure(step: StartStep, error: unknown, config: Config): string {
  const explain = {
    slack: explainSlack,
    discord: explainDiscord,
    store: explainStore,
    health: explainHealth,
  };
  const explained = explain[step](error, config);
  // The fallback quotes what went wrong, not the tag saying which credential was being checked.
  const quoted = error instanceof CredentialCheckError ? error.cause : error;
  let line = explained ?? `${STEP_NAME[step]} failed to start: ${messageOf(quoted)}; ${DEBUG_HINT}`;
  for (const secret of secretsOf(config)) line = line.split(secret).join("[redacted]");
  return line.replace(/[\r\n]+/g, " ");
}

/** Reports a failed start: one line on stderr, the error itself only at LOG_LEVEL=debug. */
export function reportStartupFailure(
  step: StartStep,
  error: unknown,
  config: Config,
  logger: Logger,
): number {
  logger.debug({ err: error, step }, "start-up failed");
  logger.flush();
  process.stderr.write(`portbot: ${explainStartupFailure(step, error, config)}\n`);
  return 1;
}
