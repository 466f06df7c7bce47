// `npm start` / `portbot serve`: load .env, check the configuration, open the feedback store, and
// run Slack and/or Discord when configured, else the shell.
import { existsSync } from "node:fs";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { openRuntime, runtimeConfig } from "./runtime.ts";

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (env === process.env && existsSync(".env")) process.loadEnvFile(".env");
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`portbot: ${err.message}\nSee README.md, section Configuration.\n`);
      return 2;
    }
    throw err;
  }
  if (config.slack !== null || config.discord !== null) {
    const { runChat } = await import("./serve-chat.ts");
    return runChat(config, createLogger({ level: config.logLevel }));
  }
  // In the shell, routine logs would interleave with the answers.
  const runtime = await openRuntime(runtimeConfig(config), {
    logger: createLogger({ level: "warn" }),
  });
  const { startShell } = await import("./adapters/shell/index.ts");
  const shell = await startShell(runtime);
  await shell.done;
  await runtime.shutdown([shell]);
  return 0;
}

if (import.meta.main) {
  process.exitCode = await serve();
}
