// A malformed gateway event must not stop the bot. discord.js 14 throws inside its own packet
// handling (and the process dies, since the throw happens in its WebSocket message handler) for an
// INTERACTION_CREATE without `data`, a message command without `resolved`, a component without
// `message`, one with neither `member` nor `user`, or one without `entitlements`. Every dispatch
// goes through the client's WebSocketManager.handlePacket; this wraps it so that a packet whose
// handling throws is logged and dropped, and every other packet is handled as before.
import type { Client } from "discord.js";
import type { Logger } from "../../logger.ts";

export interface Packet {
  t?: string | null;
  s?: number | null;
  d?: unknown;
}

/** The one internal the guard needs (not in discord.js's typings; present in 14.x). */
interface PacketHandling {
  handlePacket(packet?: Packet, shard?: unknown): boolean;
}

export function guardPackets(
  client: Client,
  logger: Logger,
  onDrop: (type: string, packet: Packet | undefined) => void,
): void {
  const ws = client.ws as unknown as PacketHandling;
  if (typeof ws.handlePacket !== "function") {
    logger.warn("discord: this discord.js has no handlePacket; malformed events are not guarded");
    return;
  }
  const handle = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (error) {
      const type = packet?.t ?? "unknown";
      logger.warn(
        { err: error, type, seq: packet?.s },
        "discord: dropped a malformed gateway event",
      );
      onDrop(type, packet);
      return true;
    }
  };
}
