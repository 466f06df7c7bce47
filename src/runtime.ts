// One bootstrap for every entry (main's serve, a Discord shard, the Slack answer worker): load the
// core, open and migrate the feedback store, and later stop in order: adapters first (each drains
// its work in flight before disconnecting), then the store.

import type { AdapterContext, RunningAdapter } from "./adapters/kit/index.ts";
import type { Config } from "./config.ts";
import { loadPortbot } from "./core/portbot.ts";
import { openFeedbackStore } from "./feedback/open.ts";
import { createLogger, type Logger } from "./logger.ts";
import type { Metrics } from "./ops/metrics.ts";
import { reloadable } from "./ops/reload.ts";

/** The part of the configuration every entry needs; adapters get only their own part. */
export type RuntimeConfig = Pick<
  Config,
  "databaseUrl" | "sqlitePath" | "dataDir" | "logLevel" | "notesEditors"
>;

export interface Runtime extends AdapterContext {
  /** Loads the registry and curated data again (SIGHUP). */
  reloadData(why: string): void;
  /** Stops the adapters (each finishes its work in flight first), then closes the store. */
  shutdown(adapters: readonly RunningAdapter[]): Promise<void>;
}

export interface RuntimeOptions {
  /** Swap in fresh data when `portbot data update` replaces it (long-running servers). */
  reloadData?: boolean;
  logger?: Logger;
  /** Metrics to keep (store latency, and what the adapters report); none when absent. */
  metrics?: Metrics;
  /** Build the search index now, before the first question (long-running servers). */
  warm?: boolean;
}

export function runtimeConfig(config: Config): RuntimeConfig {
  const { databaseUrl, sqlitePath, dataDir, logLevel, notesEditors } = config;
  return { databaseUrl, sqlitePath, dataDir, logLevel, notesEditors };
}

export async function openRuntime(
  config: RuntimeConfig,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const data = reloadable(() => loadPortbot({ dataDir: config.dataDir, logger }), logger);
  const portbot = data.portbot;
  if (options.warm) portbot.warm();
  // The store first: when it cannot open, no watcher is left to keep a failed start alive.
  const opened = await openFeedbackStore(config);
  if (options.reloadData) data.watch(config.dataDir);
  const store = options.metrics?.timed(opened) ?? opened;
  return {
    portbot,
    store,
    logger,
    notesEditors: config.notesEditors ?? [],
    reloadData: data.reload,
    ...(options.metrics === undefined ? {} : { telemetry: options.metrics.telemetry }),
    async shutdown(adapters) {
      const results = await Promise.allSettled(adapters.map((a) => a.stop()));
      for (const [i, r] of results.entries()) {
        if (r.status === "rejected")
          logger.error({ err: r.reason, adapter: adapters[i]?.name }, "stopping failed");
      }
      data.close();
      await store.close();
      logger.flush();
    },
  };
}

/**
 * A bug reached the top of the stack (an exception in a library's callback, a rejected promise no
 * one awaited): it is logged and the bot keeps serving, rather than one bad event taking every
 * conversation down. `onError` counts it (metrics).
 */
export function guardProcess(logger: Logger, onError: (kind: string) => void = () => {}): void {
  process.on("uncaughtException", (error) => {
    logger.error({ err: error }, "uncaught exception; still running");
    onError("uncaught-exception");
  });
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "unhandled promise rejection; still running");
    onError("unhandled-rejection");
  });
}

/** Resolves with the first of SIGINT / SIGTERM (or the extra events given, e.g. `disconnect`). */
export function untilStopSignal(
  extra: readonly NodeJS.Signals[] | readonly string[] = [],
): Promise<string> {
  return new Promise((resolve) => {
    for (const name of ["SIGINT", "SIGTERM", ...extra]) {
      process.once(name as NodeJS.Signals, () => resolve(name));
    }
  });
}
