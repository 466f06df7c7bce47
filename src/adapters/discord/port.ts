// Discord's platform ports. Where an answer goes depends on how it was asked: /port answers in
// its own (deferred) interaction response; "Explain ports" posts in the channel as replies to the
// chosen message and speaks privately through its ephemeral response; a mention is answered in
// the channel and privately by direct message.
import {
  type APIMessage,
  type Client,
  DiscordAPIError,
  MessageFlags,
  RateLimitError,
  type RESTPostAPIChannelMessageJSONBody,
  type RepliableInteraction,
  Routes,
} from "discord.js";
import type { Reply } from "../../core/reply-model.ts";
import type { PlatformFailure, PlatformPort, Posted } from "../kit/index.ts";
import { renderReply } from "./embeds.ts";
import { DISCORD_SEEDS } from "./ratings.ts";

/** Missing access, missing permissions, cannot DM this user, unknown channel. */
const CANNOT_POST = new Set([50001, 50013, 50007, 10003]);

export function classifyDiscordError(error: unknown): PlatformFailure {
  if (error instanceof RateLimitError) return "rate-limited";
  if (
    error instanceof DiscordAPIError &&
    typeof error.code === "number" &&
    CANNOT_POST.has(error.code)
  ) {
    return "cannot-post";
  }
  return "other";
}

type PostPublic = PlatformPort["postPublic"];
type SendPrivate = PlatformPort["sendPrivate"];

/** Posts a reply in a channel as message(s), the first replying to `replyTo`. */
export function channelPoster(
  client: Client,
  channelId: string,
  replyTo: string | null,
  pingAuthor: boolean,
): PostPublic {
  return async (reply: Reply) => {
    let first: Posted | null = null;
    for (const embeds of renderReply(reply)) {
      const body: RESTPostAPIChannelMessageJSONBody = {
        embeds,
        // Set on every body sent through REST directly (the Client default does not apply here).
        allowed_mentions: { parse: [], replied_user: pingAuthor },
        ...(first === null && replyTo !== null
          ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } }
          : {}),
      };
      const sent = (await client.rest.post(Routes.channelMessages(channelId), {
        body,
      })) as APIMessage;
      first ??= { channel: sent.channel_id, messageId: sent.id };
    }
    if (first === null) throw new Error("the reply rendered to no message");
    return first;
  };
}

/** Sends replies to a user by direct message (what "privately" means for a mention). */
export function directMessenger(client: Client, userId: string): SendPrivate {
  return async (replies) => {
    const dm = (await client.rest.post(Routes.userChannels(), {
      body: { recipient_id: userId },
    })) as { id: string };
    const post = channelPoster(client, dm.id, null, false);
    for (const reply of replies) await post(reply);
  };
}

export interface InteractionResponder {
  postPublic: PostPublic;
  sendPrivate: SendPrivate;
  /** Removes the deferred response if nothing was put in it (its answers went elsewhere). */
  finish(): Promise<void>;
}

/**
 * Answers through a deferred interaction response: the deferral itself holds the first reply of
 * its kind (public or ephemeral); anything else becomes a follow-up. A public deferral that a
 * private reply lands on is deleted first, so nothing meant for the asker shows in the channel.
 */
export function interactionResponder(
  i: RepliableInteraction,
  deferred: "public" | "ephemeral",
): InteractionResponder {
  let original: "unused" | "used" | "deleted" = "unused";
  const followUp = async (embeds: ReturnType<typeof renderReply>[number], ephemeral: boolean) =>
    i.followUp({ embeds, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  return {
    async postPublic(reply) {
      const [first = [], ...rest] = renderReply(reply);
      const useOriginal = deferred === "public" && original === "unused";
      const message = useOriginal
        ? await i.editReply({ embeds: first })
        : await followUp(first, false);
      if (useOriginal) original = "used";
      for (const embeds of rest) await followUp(embeds, false);
      return { channel: message.channelId, messageId: message.id };
    },
    async sendPrivate(replies) {
      const messages = replies.flatMap((r) => renderReply(r));
      if (deferred === "public" && original === "unused") {
        await i.deleteReply();
        original = "deleted";
      }
      for (const embeds of messages) {
        if (deferred === "ephemeral" && original === "unused") {
          await i.editReply({ embeds });
          original = "used";
        } else {
          await followUp(embeds, true);
        }
      }
    },
    async finish() {
      if (original === "unused") {
        original = "deleted";
        await i.deleteReply();
      }
    },
  };
}

export function reactor(client: Client): PlatformPort["react"] {
  return async (posted, rating) => {
    await client.rest.put(
      Routes.channelMessageOwnReaction(
        posted.channel,
        posted.messageId,
        encodeURIComponent(DISCORD_SEEDS[rating]),
      ),
    );
  };
}

/**
 * A platform port from its parts (every Discord answer is rated by reacting). `roles`: the asker's
 * roles in the guild, for NOTES_EDITORS (none in a DM).
 */
export function discordPort(
  client: Client,
  postPublic: PostPublic,
  sendPrivate: SendPrivate,
  roles: readonly string[] = [],
): PlatformPort {
  return {
    capabilities: { privateReplies: true, ratings: "react" },
    postPublic,
    sendPrivate,
    react: reactor(client),
    classify: classifyDiscordError,
    memberOf: async (ids) => ids.some((id) => roles.includes(id)),
  };
}
