// The Discord adapter: a discord.js client on the gateway whose listeners (listeners/) answer
// through the kit. Stopping drains the answers in flight before the client disconnects, since
// destroy() clears the REST token and would fail every pending post.
import { type Client, Events } from "discord.js";
import type { DiscordConfig } from "../../config.ts";
import { type AdapterContext, createKit, type RunningAdapter } from "../kit/index.ts";
import { createClient } from "./client.ts";
import { COMMANDS } from "./commands.ts";
import { answerDropped } from "./dropped.ts";
import { registerListeners } from "./listeners/index.ts";
import { guardPackets } from "./packet-guard.ts";
import { ReactionDeliveries } from "./reaction-ids.ts";

export interface DiscordAdapterOptions {
  /**
   * Longest REST rate-limit wait (ms) sat out on the user's behalf; longer ones fail fast so the
   * person gets a clear "rate limited" answer instead of silence. Default 5000.
   */
  maxRateLimitWaitMs?: number;
}

export interface DiscordAdapter extends RunningAdapter {
  readonly client: Client;
  /** Logs in and resolves once the gateway is ready (all shards of this process). */
  start(): Promise<void>;
  /** Resolves when every handler started so far has finished (tests). */
  idle(): Promise<void>;
}

/** Builds the adapter without connecting; `start()` logs in. */
export function createDiscordAdapter(
  ctx: AdapterContext,
  discord: DiscordConfig,
  options: DiscordAdapterOptions = {},
): DiscordAdapter {
  const logger = ctx.logger.child({ adapter: "discord" });
  const client = createClient(discord, options.maxRateLimitWaitMs ?? 5_000);
  const kit = createKit({ ...ctx, logger }, "discord");
  guardPackets(client, logger, (_type, packet) => {
    ctx.telemetry?.failed("malformed-event");
    kit.work.run(
      () => answerDropped(packet, client, ctx.portbot, logger),
      (err) => logger.warn({ err }, "discord: answering a malformed interaction failed"),
    );
  });
  registerListeners({
    client,
    kit,
    portbot: ctx.portbot,
    logger,
    deliveries: new ReactionDeliveries(),
  });
  // Shards with a live gateway connection: what readiness means for Discord.
  const connected = new Set<number>();
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  // discord.js's own messages go through the same JSON logs (debug is very chatty).
  client.on(Events.Warn, (message) => logger.warn({ lib: "discord.js" }, message));
  client.on(Events.Debug, (message) => {
    if (logger.isLevelEnabled("debug")) logger.debug({ lib: "discord.js" }, message);
  });
  client.on(Events.ShardReady, (shard) => connected.add(shard));
  client.on(Events.ShardResume, (shard, replayed) => {
    connected.add(shard);
    logger.info({ shard, replayed }, "resumed");
  });
  client.on(Events.ShardReconnecting, (shard) => {
    connected.delete(shard);
    logger.info({ shard }, "reconnecting");
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    connected.delete(shard);
    logger.warn({ shard, code: event.code }, "shard disconnected for good");
  });

  return {
    name: "discord",
    client,
    async start() {
      const ready = new Promise<void>((resolve) =>
        client.once(Events.ClientReady, () => resolve()),
      );
      await client.login(discord.token);
      await ready;
      logger.info(
        {
          user: client.user?.tag,
          application: client.application?.id,
          shards: client.shard?.ids ?? [0],
          commands: COMMANDS.map((c) => c.name),
        },
        "discord ready",
      );
    },
    idle: () => kit.work.idle(),
    // Connected to the gateway (not resuming or reconnecting) and taking work.
    ready: () => kit.work.accepting && client.isReady() && connected.size > 0,
    async stop() {
      await kit.work.close();
      await client.destroy();
    },
  };
}

/** Logs in and returns the running adapter (main.ts calls this when DISCORD_TOKEN is set). */
export async function startDiscord(
  ctx: AdapterContext,
  discord: DiscordConfig,
): Promise<RunningAdapter> {
  const adapter = createDiscordAdapter(ctx, discord);
  await adapter.start();
  return adapter;
}
