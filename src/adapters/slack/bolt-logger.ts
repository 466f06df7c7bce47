// Bolt, its WebClient and the Socket Mode client log through @slack/logger's interface; this
// forwards them to the project's pino logger (which redacts secrets).
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../logger.ts";

function levelOf(logger: Logger): LogLevel {
  if (logger.isLevelEnabled("debug")) return LogLevel.DEBUG;
  if (logger.isLevelEnabled("info")) return LogLevel.INFO;
  if (logger.isLevelEnabled("warn")) return LogLevel.WARN;
  return LogLevel.ERROR;
}

function message(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p)))
    .join(" ");
}

export function boltLogger(logger: Logger): BoltLogger {
  let name = "bolt";
  const log = (level: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    if (logger.isLevelEnabled(level)) logger[level]({ lib: name }, message(parts));
  };
  return {
    debug: (...parts: unknown[]) => log("debug", parts),
    info: (...parts: unknown[]) => log("info", parts),
    warn: (...parts: unknown[]) => log("warn", parts),
    error: (...parts: unknown[]) => log("error", parts),
    // Levels are the pino logger's; Bolt's requests to change them are ignored.
    setLevel: (_level: LogLevel) => {},
    getLevel: () => levelOf(logger),
    setName: (n: string) => {
      name = n;
    },
  };
}
