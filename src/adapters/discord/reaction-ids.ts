// Delivery ids for reaction events. Discord gives a reaction event no id of its own, but every
// gateway dispatch has a sequence number `s` within its session, and a (session, s) pair names
// exactly one delivery: when a connection drops and the client RESUMEs, Discord replays missed
// dispatches with their original (session, s), so a dispatch handled twice gets the same id and
// the store counts it once. Unlike a content key (message + user + emoji + action + time bucket),
// it never merges two real events: add, remove, add again within a minute are three votes' worth
// of changes, not two.
//
// discord.js hands the reaction listener a MessageReaction and a User, not the packet, so the raw
// listener (called just before discord.js handles the same packet) queues the id under the event's
// content key, and the reaction listener takes it from there in the same order.

/** The key both sides can compute: from the raw packet, and from the discord.js objects. */
export function reactionKey(
  messageId: string,
  userId: string,
  emoji: string,
  action: "added" | "removed",
): string {
  return `${messageId}/${userId}/${emoji}/${action}`;
}

interface RawEmoji {
  id?: string | null;
  name?: string | null;
}

interface RawReaction {
  message_id?: string;
  user_id?: string;
  emoji?: RawEmoji;
  message_author_id?: string;
}

export interface ReactionDelivery {
  eventId: string;
  /** Author of the reacted message, when Discord sends it (reaction adds). */
  messageAuthorId: string | null;
}

/** Bounded: entries discord.js never turned into an event (dropped packets) age out. */
const MAX_PENDING = 10_000;

export class ReactionDeliveries {
  readonly #sessions = new Map<number, string>();
  readonly #pending = new Map<string, ReactionDelivery[]>();
  #count = 0;

  /** Feed every raw gateway dispatch (discord.js `raw` event) here. */
  observe(packet: { t?: string | null; s?: number | null; d?: unknown }, shardId: number): void {
    if (packet.t === "READY") {
      const session = (packet.d as { session_id?: string } | null)?.session_id;
      if (session) this.#sessions.set(shardId, session);
      return;
    }
    const action =
      packet.t === "MESSAGE_REACTION_ADD"
        ? "added"
        : packet.t === "MESSAGE_REACTION_REMOVE"
          ? "removed"
          : null;
    if (action === null || typeof packet.s !== "number") return;
    const d = packet.d as RawReaction | null;
    if (!d?.message_id || !d.user_id || !d.emoji) return;
    const emoji = d.emoji.id ? `${d.emoji.name ?? ""}:${d.emoji.id}` : (d.emoji.name ?? "");
    const session = this.#sessions.get(shardId) ?? `shard${shardId}`;
    const key = reactionKey(d.message_id, d.user_id, emoji, action);
    const queue = this.#pending.get(key) ?? [];
    queue.push({
      eventId: `discord:${session}:${packet.s}`,
      messageAuthorId: d.message_author_id ?? null,
    });
    this.#pending.set(key, queue);
    this.#count += 1;
    while (this.#count > MAX_PENDING) {
      const oldest = this.#pending.keys().next().value;
      if (oldest === undefined) break;
      this.#count -= this.#pending.get(oldest)?.length ?? 0;
      this.#pending.delete(oldest);
    }
  }

  /** The delivery for a reaction event discord.js emitted, oldest first; null if none queued. */
  take(key: string): ReactionDelivery | null {
    const queue = this.#pending.get(key);
    const next = queue?.shift();
    if (!next) return null;
    this.#count -= 1;
    if (queue?.length === 0) this.#pending.delete(key);
    return next;
  }
}
