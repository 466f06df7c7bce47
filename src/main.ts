// `npm start` / `portbot serve`: load .env, check the configuration, open the feedback store, and
// run Slack and/or Discord when configured, else the shell.
import { existsSync } from "node:fs";
import type { AdapterContext, RunningAdapter } from "./adapters/context.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { loadPortbot } from "./core/portbot.ts";
import { openFeedbackStore } from "./feedback/open.ts";
import { createLogger } from "./logger.ts";

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
  const portbot = loadPortbot({ dataDir: config.dataDir, logger });
  // A long-running bot builds its search index before the first question, not during it.
  if (chat) portbot.warm();
  const store = await openFeedbackStore(config);
  const ctx: AdapterContext = { config, portbot, store, logger };
  logger.info(
    {
      registry: portbot.registry.source,
      store: store.kind,
      slack: config.slack !== null,
      discord: config.discord !== null,
    },
    "portbot starting",
  );

  const running: RunningAdapter[] = [];
  if (config.slack !== null) {
    const { startSlack } = await import("./adapters/slack/index.ts");
    running.push(await startSlack(ctx));
  }
  if (config.discord !== null) {
    const { startDiscord } = await import("./adapters/discord/index.ts");
    running.push(await startDiscord(ctx));
  }
  if (!chat) {
    const { startShell } = await import("./adapters/shell/index.ts");
    const shell = await startShell(ctx);
    await shell.done;
    await store.close();
    logger.flush();
    return 0;
  }

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  logger.info("portbot stopping");
  await Promise.allSettled(running.map((a) => a.stop()));
  await store.close();
  logger.flush();
  return 0;
}

if (import.meta.main) {
  process.exitCode = await serve();
}
