// `npm start` / `portbot serve` / `portbot shell`: check the configuration (environment and .env),
// open the feedback store, and run every platform that is configured (serve-chat.ts). `portbot
// serve` (the container's command) refuses to start with none; `npm start` then opens the
// terminal shell. A start-up failure is one line naming the variable or service and what to do.
import { type Config, ConfigError, loadConfig, NOTHING_TO_SERVE } from "./config.ts";
import { withDotEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { unsupportedNode } from "./node-version.ts";
import { openRuntime, type Runtime, runtimeConfig } from "./runtime.ts";
import { reportStartupFailure } from "./startup.ts";

/**
 * auto: every configured platform, else the shell (`npm start`). serve: the configured platforms,
 * exit 2 when there is none. shell: the terminal shell, whatever is configured.
 */
export type ServeMode = "auto" | "serve" | "shell";

export const ENTRY_USAGE =
  "Usage: node src/main.ts [serve | shell]   (npm start [-- serve | shell])\n";

/** Exit 0 after a clean stop, 1 when starting failed, 2 for a configuration problem. */
export async function serve(
  env: NodeJS.ProcessEnv = process.env,
  mode: ServeMode = "auto",
): Promise<number> {
  const config = configure(env, mode);
  if (typeof config === "number") return config;
  if (mode !== "shell" && (config.slack !== null || config.discord !== null)) {
    const { runChat } = await import("./serve-chat.ts");
    return runChat(config, createLogger({ level: config.logLevel }));
  }
  // In the shell, routine logs would interleave with the answers.
  const logger = createLogger({ level: "warn" });
  let runtime: Runtime;
  try {
    runtime = await openRuntime(runtimeConfig(config), { logger });
  } catch (error) {
    return reportStartupFailure("store", error, config, logger);
  }
  const { startShell } = await import("./adapters/shell/index.ts");
  const shell = await startShell(runtime);
  await shell.done;
  await runtime.shutdown([shell]);
  return 0;
}

/** The configuration, or the exit status after printing one line per problem. */
function configure(env: NodeJS.ProcessEnv, mode: ServeMode): Config | number {
  try {
    const config = loadConfig(env);
    if (mode === "serve" && config.slack === null && config.discord === null) {
      throw new ConfigError(NOTHING_TO_SERVE);
    }
    return config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) process.stderr.write(`portbot: ${problem}\n`);
    return 2;
  }
}

/** `node src/main.ts [serve | shell]`: the mode, or null for anything else. */
export function entryMode(args: readonly string[]): ServeMode | null {
  if (args.length === 0) return "auto";
  if (args.length === 1 && (args[0] === "serve" || args[0] === "shell")) return args[0];
  return null;
}

/** After a failed start nothing is serving: a library's leftover timer must not keep it alive. */
export function exitSoonUnlessClean(code: number): void {
  if (code !== 0) setTimeout(() => process.exit(code), 3_000).unref();
}

if (typeof import.meta.main !== "boolean") {
  // Node before 22.18 / 24.2: without this, the bot would exit 0 having done nothing.
  process.stderr.write(unsupportedNode());
  process.exitCode = 1;
} else if (import.meta.main) {
  const mode = entryMode(process.argv.slice(2));
  if (mode === null) {
    process.stderr.write(ENTRY_USAGE);
    process.exitCode = 2;
  } else {
    process.exitCode = await serve(withDotEnv(), mode);
    exitSoonUnlessClean(process.exitCode);
  }
}
