// Discord's platform ports. Where an answer goes depends on how it was asked: /port answers in
// its own (deferred) interaction response; "Explain ports" posts in the channel as replies to the
// chosen message and speaks privately through its ephemeral response; a mention is answered in
// the channel and privately by direct message.
import {
  type APIMessage,
  type BaseInteraction,
  type Client,
  DiscordAPIError,
  InteractionContextType,
  MessageFlags,
  RateLimitError,
  type RESTPostAPIChannelMessageJSONBody,
  type RepliableInteraction,
  Routes,
} from "discord.js";
import type { Reply } from "../../core/reply-model.ts";
import type { PlatformFailure, PlatformPort, Posted } from "../kit/index.ts";
import { type DiscordMessage, renderMessages } from "./embeds.ts";
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
    for (const { embeds, components } of renderMessages(reply)) {
      const body: RESTPostAPIChannelMessageJSONBody = {
        embeds,
        ...(components.length > 0 ? { components } : {}),
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

/**
 * Sends replies to a user by direct message (what "privately" means for a mention). Without Share
 * in channel: clicked in a DM, it could only share into the DM.
 */
export function directMessenger(client: Client, userId: string): SendPrivate {
  return async (replies) => {
    const dm = (await client.rest.post(Routes.userChannels(), {
      body: { recipient_id: userId },
    })) as { id: string };
    const post = channelPoster(client, dm.id, null, false);
    for (const reply of replies) await post({ ...reply, share: null });
  };
}

/**
 * Whether the bot itself can post where an interaction was made: its own DM with the asker, or a
 * guild it is a member of. A user-installed app is also used in guilds the bot is not in and in
 * group DMs and DMs between people (context 2), where only the interaction's response can answer.
 */
export function botCanPostIn(i: BaseInteraction, client: Client): boolean {
  if (i.context === InteractionContextType.BotDM) return true;
  // No guild: a private channel (context 2); before contexts existed, the bot's DM.
  if (i.guildId === null) return i.context === null;
  return client.guilds.cache.has(i.guildId);
}

export interface InteractionResponder {
  postPublic: PostPublic;
  /** As postPublic, but seen by the asker alone (where the bot cannot post for others to see). */
  postEphemeral: PostPublic;
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
  const followUp = async (message: DiscordMessage, ephemeral: boolean) =>
    i.followUp({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  /** One message for the asker alone: the ephemeral deferral first, then ephemeral follow-ups. */
  const ephemeral = async (message: DiscordMessage) => {
    if (deferred === "ephemeral" && original === "unused") {
      original = "used";
      return i.editReply(message);
    }
    return followUp(message, true);
  };
  return {
    async postPublic(reply) {
      const [first = { embeds: [], components: [] }, ...rest] = renderMessages(reply);
      const useOriginal = deferred === "public" && original === "unused";
      const message = useOriginal ? await i.editReply(first) : await followUp(first, false);
      if (useOriginal) original = "used";
      for (const next of rest) await followUp(next, false);
      return { channel: message.channelId, messageId: message.id };
    },
    async sendPrivate(replies) {
      const messages = replies.flatMap((r) => renderMessages(r));
      if (deferred === "public" && original === "unused") {
        await i.deleteReply();
        original = "deleted";
      }
      for (const message of messages) await ephemeral(message);
    },
    async postEphemeral(reply) {
      let first: Posted | null = null;
      for (const message of renderMessages(reply)) {
        const sent = await ephemeral(message);
        first ??= { channel: sent.channelId, messageId: sent.id };
      }
      if (first === null) throw new Error("the reply rendered to no message");
      return first;
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
 * A platform port from its parts. `roles`: the asker's roles in the guild, for NOTES_EDITORS
 * (none in a DM). Answers are rated by reacting, except where they are ephemeral (`rated`
 * false: nobody can react to those).
 */
export function discordPort(
  client: Client,
  postPublic: PostPublic,
  sendPrivate: SendPrivate,
  roles: readonly string[] = [],
  rated = true,
): PlatformPort {
  return {
    capabilities: { privateReplies: true, ratings: rated ? "react" : null, buttons: true },
    postPublic,
    sendPrivate,
    react: reactor(client),
    classify: classifyDiscordError,
    memberOf: async (ids) => ids.some((id) => roles.includes(id)),
  };
}
