// `npm start` / `portbot serve`: load .env, check the configuration, open the feedback store, and
// run Slack and/or Discord when configured, else the shell.
import { existsSync } from "node:fs";
import type { RunningAdapter } from "./adapters/kit/index.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { guardProcess, openRuntime, runtimeConfig, untilStopSignal } from "./runtime.ts";

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
  const chat = config.slack !== null || config.discord !== null;
  // In the shell, routine logs would interleave with the answers.
  const logger = createLogger({ level: chat ? config.logLevel : "warn" });
  if (chat) guardProcess(logger);
  // A long-running bot builds its search index before the first question, not during it.
  const runtime = await openRuntime(runtimeConfig(config), { logger, warm: chat });
  logger.info(
    {
      registry: runtime.portbot.registry.source,
      store: runtime.store.kind,
      slack: config.slack !== null,
      discord: config.discord !== null,
    },
    "portbot starting",
  );

  const running: RunningAdapter[] = [];
  if (config.slack !== null) {
    const { startSlack } = await import("./adapters/slack/index.ts");
    running.push(await startSlack(runtime, config.slack, runtimeConfig(config)));
  }
  if (config.discord !== null) {
    const { startDiscord } = await import("./adapters/discord/index.ts");
    running.push(await startDiscord(runtime, config.discord));
  }
  if (!chat) {
    const { startShell } = await import("./adapters/shell/index.ts");
    const shell = await startShell(runtime);
    await shell.done;
    await runtime.shutdown([shell]);
    return 0;
  }

  await untilStopSignal();
  logger.info("portbot stopping");
  await runtime.shutdown(running);
  return 0;
}

if (import.meta.main) {
  process.exitCode = await serve();
}
