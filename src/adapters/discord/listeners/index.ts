// Registers every listener on the client (one per file); each handler runs as the kit's work in
// flight, so stopping waits for it.
import { Events } from "discord.js";
import type { DiscordDeps } from "./deps.ts";
import { onInteraction } from "./interactions.ts";
import { onMessage } from "./mentions.ts";
import { onReaction } from "./reactions.ts";

export function registerListeners(deps: DiscordDeps): void {
  const { client, kit, logger } = deps;
  const run = (what: string, work: () => Promise<void>) => {
    kit.work.run(work, (err) => logger.error({ err }, `discord: ${what} failed`));
  };
  client.on(Events.Raw, (packet: { t?: string | null; s?: number | null; d?: unknown }, shard) => {
    deps.deliveries.observe(packet, typeof shard === "number" ? shard : 0);
  });
  client.on(Events.InteractionCreate, (i) => run("interaction", () => onInteraction(i, deps)));
  client.on(Events.MessageCreate, (m) => run("mention", () => onMessage(m, deps)));
  client.on(Events.MessageReactionAdd, (r, u) =>
    run("reaction", () => onReaction(r, u, "added", deps)),
  );
  client.on(Events.MessageReactionRemove, (r, u) =>
    run("reaction", () => onReaction(r, u, "removed", deps)),
  );
}

export { COMMAND_ROUTES } from "./interactions.ts";
