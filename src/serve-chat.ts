// Serving the chat adapters (what `portbot serve` runs when Slack or Discord is configured):
// metrics and health first, so /readyz says 503 until every adapter has connected; then the
// adapters; then, on SIGTERM/SIGINT, a graceful stop within a deadline. A step that fails to start
// (the store, the health server, an adapter) stops what was started and is reported in one line
// (startup.ts), exit 1.
import type { RunningAdapter } from "./adapters/kit/index.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { type HealthServer, type ReadinessCheck, startHealthServer } from "./ops/health-server.ts";
import { exposeGc, startMemoryReleaser } from "./ops/memory.ts";
import { createMetrics, type Metrics } from "./ops/metrics.ts";
import {
  guardProcess,
  openRuntime,
  type Runtime,
  runtimeConfig,
  untilStopSignal,
} from "./runtime.ts";
import { reportStartupFailure, type StartStep } from "./startup.ts";

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

type Failed = { step: StartStep; error: unknown };

/** Starts Slack, then Discord, as configured; the first failure, or null. */
async function startAdapters(
  config: Config,
  runtime: Runtime,
  running: RunningAdapter[],
): Promise<Failed | null> {
  let step: StartStep = "slack";
  try {
    if (config.slack !== null) {
      const { startSlack } = await import("./adapters/slack/index.ts");
      running.push(await startSlack(runtime, config.slack, runtimeConfig(config)));
    }
    step = "discord";
    if (config.discord !== null) {
      const { startDiscord } = await import("./adapters/discord/index.ts");
      running.push(await startDiscord(runtime, config.discord));
    }
    return null;
  } catch (error) {
    return { step, error };
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

/** /healthz, /readyz (the store and every expected adapter) and /metrics. */
function startHealth(
  config: Config,
  runtime: Runtime,
  running: readonly RunningAdapter[],
  metrics: Metrics,
  options: ChatOptions,
): Promise<HealthServer> {
  const checks = (): ReadinessCheck[] => [
    { name: "store", check: () => runtime.store.ping().then(() => true) },
    ...expectedAdapters(config).map((name) => ({
      name,
      check: () => running.find((a) => a.name === name)?.ready() ?? false,
    })),
  ];
  return startHealthServer({
    port: config.healthPort,
    ...(options.healthHost === undefined ? {} : { host: options.healthHost }),
    registry: metrics.registry,
    checks,
  });
}

export async function runChat(
  config: Config,
  logger: Logger,
  options: ChatOptions = {},
): Promise<number> {
  const metrics = createMetrics();
  guardProcess(logger, () => metrics.telemetry.failed("uncaught"));
  let runtime: Runtime;
  try {
    runtime = await openRuntime(runtimeConfig(config), {
      logger,
      warm: true,
      metrics,
      reloadData: true,
    });
  } catch (error) {
    return reportStartupFailure("store", error, config, logger);
  }
  process.on("SIGHUP", () => runtime.reloadData("SIGHUP"));
  const running: RunningAdapter[] = [];
  let health: HealthServer;
  try {
    health = await startHealth(config, runtime, running, metrics, options);
  } catch (error) {
    await runtime.shutdown([]);
    return reportStartupFailure("health", error, config, logger);
  }
  options.onHealthPort?.(health.port);
  const stop = options.until ?? untilStopSignal();
  const failed = await startAdapters(config, runtime, running);
  if (failed !== null) {
    await runtime.shutdown(running);
    await health.close();
    return reportStartupFailure(failed.step, failed.error, config, logger);
  }
  // Logged once running, so a failed start prints its one line and nothing else.
  logger.info(
    {
      registry: runtime.portbot.registry.source,
      store: runtime.store.kind,
      health: health.port,
      slack: config.slack !== null,
      discord: config.discord !== null,
    },
    "portbot running",
  );
  const memory = startMemoryReleaser({ gc: exposeGc(), logger });
  await stop;
  memory.stop();
  logger.info("portbot stopping");
  if (options.until === undefined) enforceStop(logger);
  await runtime.shutdown(running);
  await health.close();
  return 0;
}
