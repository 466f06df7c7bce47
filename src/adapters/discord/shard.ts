// Sharding entry for bots in many guilds: `node src/adapters/discord/shard.ts [--shards N]`.
//
// Run as a script, this file is discord.js's ShardingManager: it spawns one child process per shard
// (Discord's recommended count, or N), each running this same file. In a child (discord.js sets
// SHARDING_MANAGER, SHARDS and SHARD_COUNT in its environment, and the Client reads them), it runs
// only the Discord adapter with its own core and a connection to the shared feedback store. Use
// PostgreSQL (DATABASE_URL) for several shards; SQLite works for a few on one machine.
// Slack, if configured, runs separately with `npm start` and DISCORD_TOKEN unset there.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ShardingManager } from "discord.js";
import { ConfigError, loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { exposeGc, startMemoryReleaser } from "../../ops/memory.ts";
import { guardProcess, openRuntime, runtimeConfig, untilStopSignal } from "../../runtime.ts";
import { startDiscord } from "./adapter.ts";

/** Runs one shard's adapter until the manager stops it (SIGTERM) or it is interrupted. */
export async function runShard(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadConfig(env);
  if (!config.discord) throw new ConfigError("DISCORD_TOKEN is not set");
  const logger = createLogger({ level: config.logLevel }).child({ shards: env.SHARDS });
  guardProcess(logger);
  const runtime = await openRuntime(runtimeConfig(config), { logger, warm: true });
  const adapter = await startDiscord(runtime, config.discord);
  // As `portbot serve` does: a burst's heap is given back once the shard is quiet again.
  const memory = startMemoryReleaser({ gc: exposeGc(), logger });
  await untilStopSignal(["disconnect"]); // disconnect: the manager went away
  memory.stop();
  await runtime.shutdown([adapter]);
  return 0;
}

/** Spawns the shards and keeps them running (discord.js respawns a shard that dies). */
export async function runManager(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ShardingManager> {
  const { values } = parseArgs({ args, options: { shards: { type: "string" } } });
  const config = loadConfig(env);
  if (!config.discord) throw new ConfigError("DISCORD_TOKEN is not set");
  const totalShards = values.shards === undefined ? "auto" : Number(values.shards);
  if (totalShards !== "auto" && !(Number.isInteger(totalShards) && totalShards > 0)) {
    throw new ConfigError("--shards must be a positive whole number");
  }
  const logger = createLogger({ level: config.logLevel }).child({ adapter: "discord-shards" });
  const manager = new ShardingManager(fileURLToPath(import.meta.url), {
    token: config.discord.token,
    totalShards,
    mode: "process",
    respawn: true,
  });
  manager.on("shardCreate", (shard) => logger.info({ shard: shard.id }, "shard spawned"));
  await manager.spawn();
  return manager;
}

if (import.meta.main) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    if (process.env.SHARDING_MANAGER) process.exitCode = await runShard();
    else await runManager(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`portbot: ${error.message}\n`);
    process.exitCode = 2;
  }
}
