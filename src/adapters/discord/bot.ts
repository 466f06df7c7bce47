// The Discord adapter: a discord.js client on the gateway that answers /port (with autocomplete),
// the "Explain ports" message command and mentions, and turns reactions on its answers into votes.
// Wording comes from the core; this file only decides where and how a Reply is sent.
import {
  type APIEmbed,
  type APIMessage,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type MessageReaction,
  type PartialMessage,
  type PartialMessageReaction,
  Partials,
  type PartialUser,
  RateLimitError,
  type RESTPostAPIChannelMessageJSONBody,
  type RepliableInteraction,
  Routes,
  type User,
} from "discord.js";
import type { FailureCode } from "../../core/portbot-api.ts";
import type { Reply } from "../../core/reply-model.ts";
import { ratingForEmoji, SEED_REACTIONS } from "../../feedback/ratings.ts";
import type { AdapterContext, RunningAdapter } from "../context.ts";
import { withStats } from "../with-stats.ts";
import {
  COMMANDS,
  commandKey,
  EXPLAIN_PORTS_COMMAND,
  PORT_COMMAND,
  PORT_QUERY_OPTION,
} from "./commands.ts";
import { renderReply } from "./embeds.ts";
import { mentionsUser, stripDiscordMarkup } from "./markup.ts";
import { ReactionDeliveries, reactionKey } from "./reaction-ids.ts";

/**
 * Gateway intents: none privileged. MessageContent is privileged and not requested: Discord still
 * delivers the content of messages that mention the bot (and of context-menu targets), which is
 * all the bot reads.
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildMessageReactions,
] as const;

/**
 * Partials so reactions on answers no longer in cache still arrive (Message, Channel, Reaction),
 * and so a removal by a user the process has not seen arrives too (User: MESSAGE_REACTION_REMOVE
 * carries only `user_id`, and without this partial discord.js drops it).
 */
export const PARTIALS = [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User];

/** Which handler answers each (type, name); must match manifests/discord-commands.json exactly. */
export const COMMAND_ROUTES: Readonly<Record<string, "port" | "explain">> = {
  [commandKey(PORT_COMMAND, 1)]: "port",
  [commandKey(EXPLAIN_PORTS_COMMAND, 3)]: "explain",
};

const AUTOCOMPLETE_LIMIT = 25;
const CHOICE_MAX = 100;
/** Longest text kept as an answer's query. */
const QUERY_MAX = 500;

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
  /** Resolves when every handler started so far has finished (tests, graceful stop). */
  idle(): Promise<void>;
}

interface Delivery {
  guildId: string | null;
  channelId: string;
  thread: string | null;
  query: string;
  asker: string;
}

/** Builds the adapter without connecting; `start()` logs in. */
export function createDiscordAdapter(
  ctx: AdapterContext,
  options: DiscordAdapterOptions = {},
): DiscordAdapter {
  const discord = ctx.config.discord;
  if (!discord) throw new Error("Discord is not configured (DISCORD_TOKEN is not set)");
  const { portbot, store } = ctx;
  const logger = ctx.logger.child({ adapter: "discord" });
  const maxWait = options.maxRateLimitWaitMs ?? 5_000;

  const client = new Client({
    intents: [...INTENTS],
    partials: PARTIALS,
    // Nothing a user types pings anyone, in any message the client sends.
    allowedMentions: { parse: [] },
    rest: {
      ...(discord.apiUrl ? { api: discord.apiUrl } : {}),
      rejectOnRateLimit: (info) => info.retryAfter > maxWait,
    },
  });

  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const p = work.catch((error: unknown) =>
      logger.error({ err: error }, "discord handler failed"),
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const deliveries = new ReactionDeliveries();

  // ------------------------------------------------------------------ sending

  const failureCode = (error: unknown): FailureCode => {
    if (error instanceof RateLimitError) return "rate-limited";
    if (error instanceof DiscordAPIError && (error.code === 50001 || error.code === 50013)) {
      return "not-in-channel";
    }
    return "internal";
  };

  /** Records a public, ratable answer and seeds the rating reactions on it. */
  async function remember(reply: Reply, messageId: string, where: Delivery): Promise<void> {
    if (!reply.ratable) return;
    try {
      await store.recordAnswer({
        platform: "discord",
        workspace: where.guildId ?? "",
        channel: where.channelId,
        messageId,
        thread: where.thread,
        query: where.query.slice(0, QUERY_MAX),
        ports: reply.ports,
        asker: where.asker,
        at: new Date(),
      });
    } catch (error) {
      // Without a record, votes on this answer could not count: do not invite them.
      logger.error({ err: error, messageId }, "could not record the answer; not seeding ratings");
      return;
    }
    // One at a time, in order: Discord shows reactions in the order they were added.
    for (const emoji of SEED_REACTIONS.unicode) {
      try {
        await client.rest.put(
          Routes.channelMessageOwnReaction(where.channelId, messageId, encodeURIComponent(emoji)),
        );
      } catch (error) {
        // The answer is out; missing seed reactions only mean people pick the emoji themselves.
        logger.warn({ err: error, messageId }, "could not seed rating reactions");
        return;
      }
    }
  }

  /** Posts a reply as channel message(s) replying to `replyTo`; returns the first message id. */
  async function post(
    reply: Reply,
    where: Delivery,
    replyTo: string,
    pingAuthor: boolean,
  ): Promise<void> {
    const messages = renderReply(reply);
    let firstId: string | null = null;
    for (const embeds of messages) {
      const body: RESTPostAPIChannelMessageJSONBody = {
        embeds,
        // Set on every body sent through REST directly (the Client default does not apply here).
        allowed_mentions: { parse: [], replied_user: pingAuthor },
        ...(firstId === null
          ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } }
          : {}),
      };
      const sent = (await client.rest.post(Routes.channelMessages(where.channelId), {
        body,
      })) as APIMessage;
      firstId ??= sent.id;
    }
    if (firstId) await remember(reply, firstId, where);
  }

  /** Answers an interaction with a failure, whatever state it is in. */
  async function fail(i: RepliableInteraction, code: FailureCode): Promise<void> {
    const [embeds = []] = renderReply(portbot.failure(code));
    if (i.deferred || i.replied) {
      try {
        await i.editReply({ embeds });
        return;
      } catch (error) {
        logger.warn({ err: error }, "could not edit the reply with the failure; following up");
      }
      await i.followUp({ embeds, flags: MessageFlags.Ephemeral });
      return;
    }
    await i.reply({ embeds, flags: MessageFlags.Ephemeral });
  }

  async function editWith(i: RepliableInteraction, messages: APIEmbed[][], ephemeral: boolean) {
    const [first = [], ...rest] = messages;
    const message = await i.editReply({ embeds: first });
    for (const embeds of rest) {
      await i.followUp({ embeds, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    }
    return message;
  }

  // ------------------------------------------------------------------ interactions

  async function onPort(i: ChatInputCommandInteraction): Promise<void> {
    const query = i.options.getString(PORT_QUERY_OPTION) ?? "";
    const text = stripDiscordMarkup(query);
    // Parsing alone says whether to defer ephemerally; the answer is built after the deferral.
    const ephemeral = portbot.visibilityOf(text) === "private";
    // Defer first and await it: the 3-second window is met whatever follows, and no edit can race
    // the deferral (10062/40060 come from racing them).
    await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const reply = portbot.reply(text);
    const [final = reply] = await withStats([reply], portbot, store);
    if (!ephemeral && final.visibility === "private") {
      // A name that matched nothing: the public placeholder goes, the answer goes to the asker.
      await i.deleteReply();
      for (const embeds of renderReply(final)) {
        await i.followUp({ embeds, flags: MessageFlags.Ephemeral });
      }
      return;
    }
    const message = await editWith(i, renderReply(final), ephemeral);
    if (!ephemeral) {
      await remember(final, message.id, {
        guildId: i.guildId,
        channelId: message.channelId ?? i.channelId,
        thread: i.channel?.isThread() ? i.channelId : null,
        query,
        asker: i.user.id,
      });
    }
  }

  async function onExplain(i: MessageContextMenuCommandInteraction): Promise<void> {
    const target = i.targetMessage;
    const found = portbot.repliesForMessage(stripDiscordMarkup(target.content));
    if (found.length === 0) {
      const [embeds = []] = renderReply(portbot.usageHint());
      await i.reply({ embeds, flags: MessageFlags.Ephemeral });
      return;
    }
    // The answers go into the channel as replies to the chosen message (so they can be rated and
    // read in context); the command's own response is a deferral, removed once they are posted.
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const replies = await withStats(found, portbot, store);
    const where: Delivery = {
      guildId: i.guildId,
      channelId: target.channelId,
      thread: i.channel?.isThread() ? i.channelId : null,
      query: target.content,
      asker: i.user.id,
    };
    for (const reply of replies) await post(reply, where, target.id, false);
    await i.deleteReply();
  }

  async function onAutocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused();
    const choices = portbot
      .suggest(stripDiscordMarkup(focused), AUTOCOMPLETE_LIMIT)
      .slice(0, AUTOCOMPLETE_LIMIT)
      .map((s) => ({ name: s.label.slice(0, CHOICE_MAX), value: s.value.slice(0, CHOICE_MAX) }))
      .filter((c) => c.name.length > 0 && c.value.length > 0);
    // No deferral exists for autocomplete: answer at once, with what the core has.
    await i.respond(choices);
  }

  async function onInteraction(i: Interaction): Promise<void> {
    if (i.isAutocomplete()) {
      if (i.commandName === PORT_COMMAND) await onAutocomplete(i);
      else await i.respond([]);
      return;
    }
    if (!i.isCommand()) return;
    try {
      const route = COMMAND_ROUTES[commandKey(i.commandName, i.commandType)];
      if (route === "port" && i.isChatInputCommand()) await onPort(i);
      else if (route === "explain" && i.isMessageContextMenuCommand()) await onExplain(i);
      else {
        logger.warn({ command: i.commandName }, "unknown command: register the manifest again");
        await fail(i, "internal");
      }
    } catch (error) {
      const code = failureCode(error);
      logger.error({ err: error, command: i.commandName, code }, "interaction failed");
      await fail(i, code).catch((e: unknown) =>
        logger.error({ err: e }, "could not tell the user about the failure"),
      );
    }
  }

  // ------------------------------------------------------------------ mentions

  async function onMessage(message: Message): Promise<void> {
    const me = client.user;
    if (!me || message.author.bot || message.webhookId) return;
    // Explicit mentions only: a reply to one of our answers also lists the bot in `mentions`.
    if (!mentionsUser(message.content, me.id)) return;
    const found = portbot.repliesForMessage(stripDiscordMarkup(message.content));
    const replies = await withStats(
      found.length > 0 ? found : [portbot.usageHint()],
      portbot,
      store,
    );
    const where: Delivery = {
      guildId: message.guildId,
      channelId: message.channelId,
      thread: message.channel.isThread() ? message.channelId : null,
      query: message.content,
      asker: message.author.id,
    };
    try {
      for (const reply of replies) await post(reply, where, message.id, true);
    } catch (error) {
      const code = failureCode(error);
      logger.error({ err: error, channel: message.channelId, code }, "could not answer a mention");
      // Say so rather than stay silent; if even that cannot be posted, the log has it.
      await post(portbot.failure(code), where, message.id, true).catch((e: unknown) =>
        logger.error({ err: e }, "could not tell the asker about the failure"),
      );
    }
  }

  // ------------------------------------------------------------------ reactions

  async function onReaction(
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
    action: "added" | "removed",
  ): Promise<void> {
    const message: Message | PartialMessage = reaction.message;
    const emoji = reaction.emoji.id
      ? `${reaction.emoji.name ?? ""}:${reaction.emoji.id}`
      : (reaction.emoji.name ?? "");
    const delivery = deliveries.take(reactionKey(message.id, user.id, emoji, action));
    const me = client.user?.id;
    // Cheap filters before the store: not a rating emoji, our own seeds, or (when Discord says who
    // wrote the message) not one of our messages.
    if (ratingForEmoji(emoji) === null) return;
    if (user.id === me) return;
    if (delivery?.messageAuthorId && me && delivery.messageAuthorId !== me) return;
    const at = new Date();
    const outcome = await store.recordReaction({
      eventId: delivery?.eventId ?? fallbackEventId(message.id, user.id, emoji, action, at),
      platform: "discord",
      workspace: message.guildId ?? "",
      channel: message.channelId,
      messageId: message.id,
      voter: user.id,
      emoji,
      action,
      fromBot: user.bot === true,
      at,
    });
    logger.debug({ outcome, messageId: message.id, action }, "reaction");
  }

  // ------------------------------------------------------------------ wiring

  client.on(Events.Raw, (packet: { t?: string | null; s?: number | null; d?: unknown }, shard) => {
    deliveries.observe(packet, typeof shard === "number" ? shard : 0);
  });
  client.on(Events.InteractionCreate, (i) => track(onInteraction(i)));
  client.on(Events.MessageCreate, (m) => track(onMessage(m)));
  client.on(Events.MessageReactionAdd, (r, u) => track(onReaction(r, u, "added")));
  client.on(Events.MessageReactionRemove, (r, u) => track(onReaction(r, u, "removed")));
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "resumed"));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, "reconnecting"));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, "shard disconnected for good"),
  );

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
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      await client.destroy();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

/**
 * Used only when a reaction event could not be matched to its gateway dispatch (should not happen):
 * the time bucket keeps a re-delivery within the same minute from counting twice.
 */
function fallbackEventId(
  messageId: string,
  userId: string,
  emoji: string,
  action: string,
  at: Date,
): string {
  const bucket = Math.floor(at.getTime() / 60_000);
  return `discord:${messageId}:${userId}:${emoji}:${action}:${bucket}`;
}

/** Logs in and returns the running adapter (called by main.ts when DISCORD_TOKEN is set). */
export async function startDiscord(ctx: AdapterContext): Promise<RunningAdapter> {
  const adapter = createDiscordAdapter(ctx);
  await adapter.start();
  return adapter;
}
