// Serving the chat adapters (what `portbot serve` runs when Slack or Discord is configured):
// metrics and health first, so /readyz says 503 until every adapter has connected; then the
// adapters; then, on SIGTERM/SIGINT, a graceful stop within a deadline.
import type { RunningAdapter } from "./adapters/kit/index.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { type ReadinessCheck, startHealthServer } from "./ops/health-server.ts";
import { createMetrics } from "./ops/metrics.ts";
import {
  guardProcess,
  openRuntime,
  type Runtime,
  runtimeConfig,
  untilStopSignal,
} from "./runtime.ts";

/** Stopping may take this long (answers in flight finish); past it the process exits anyway. */
export const STOP_DEADLINE_MS = 9_000;

export interface ChatOptions {
  /** Resolves when the bot should stop (default: the first SIGINT or SIGTERM). */
  until?: Promise<unknown>;
  /** Health host (default all interfaces). */
  healthHost?: string;
  /** Called with the health server's port once it listens. */
  onHealthPort?: (port: number) => void;
}

function expectedAdapters(config: Config): string[] {
  return [...(config.slack ? ["slack"] : []), ...(config.discord ? ["discord"] : [])];
}

async function startAdapters(config: Config, runtime: Runtime, running: RunningAdapter[]) {
  if (config.slack !== null) {
    const { startSlack } = await import("./adapters/slack/index.ts");
    running.push(await startSlack(runtime, config.slack, runtimeConfig(config)));
  }
  if (config.discord !== null) {
    const { startDiscord } = await import("./adapters/discord/index.ts");
    running.push(await startDiscord(runtime, config.discord));
  }
}

/** A second signal while stopping exits at once; a stop past the deadline exits too. */
function enforceStop(logger: Logger): void {
  const hurry = () => {
    logger.warn("second stop signal: exiting now");
    process.exit(1);
  };
  process.once("SIGINT", hurry);
  process.once("SIGTERM", hurry);
  setTimeout(() => {
    logger.error({ deadlineMs: STOP_DEADLINE_MS }, "stopping took too long: exiting now");
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
}

export async function runChat(
  config: Config,
  logger: Logger,
  options: ChatOptions = {},
): Promise<number> {
  const metrics = createMetrics();
  guardProcess(logger, () => metrics.telemetry.failed("uncaught"));
  const runtime = await openRuntime(runtimeConfig(config), {
    logger,
    warm: true,
    metrics,
    reloadData: true,
  });
  process.on("SIGHUP", () => runtime.reloadData("SIGHUP"));
  const running: RunningAdapter[] = [];
  const checks = (): ReadinessCheck[] => [
    { name: "store", check: () => runtime.store.ping().then(() => true) },
    ...expectedAdapters(config).map((name) => ({
      name,
      check: () => running.find((a) => a.name === name)?.ready() ?? false,
    })),
  ];
  const health = await startHealthServer({
    port: config.healthPort,
    ...(options.healthHost === undefined ? {} : { host: options.healthHost }),
    registry: metrics.registry,
    checks,
  });
  options.onHealthPort?.(health.port);
  logger.info(
    { registry: runtime.portbot.registry.source, store: runtime.store.kind, health: health.port },
    "portbot starting",
  );
  const stop = options.until ?? untilStopSignal();
  await startAdapters(config, runtime, running);
  await stop;
  logger.info("portbot stopping");
  if (options.until === undefined) enforceStop(logger);
  await runtime.shutdown(running);
  await health.close();
  return 0;
}
