import { type Logger, pino } from "pino";

// Secrets never reach the logs, even if a whole config or request object is logged by mistake.
const REDACT = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "databaseUrl",
  "*.databaseUrl",
  "headers.authorization",
  "*.headers.authorization",
  "config.slack",
  "config.discord",
];

export function createLogger(options: { level?: string; destination?: number } = {}): Logger {
  return pino(
    { level: options.level ?? "info", redact: { paths: REDACT, censor: "[redacted]" } },
    pino.destination({ dest: options.destination ?? 2, sync: false }),
  );
}

export type { Logger };
