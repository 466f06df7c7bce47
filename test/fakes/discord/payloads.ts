// Gateway and REST payloads shaped like Discord API v10, with only the fields discord.js 14.28 reads
// (docs/platforms.md lists the ones whose absence breaks the client: entitlements, app_permissions, …).

let counter = 0n;
/** A fresh, increasing snowflake (valid timestamp bits, unique within the process). */
export function snowflake(): string {
  counter += 1n;
  // 2024-01-01 relative to the Discord epoch, shifted into the timestamp bits.
  return ((1_704_067_200_000n - 1_420_070_400_000n) * 4_194_304n + counter).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
  /** The member's role ids in the guild (interactions and messages carry them). */
  roles?: string[];
}

export function userPayload(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: user.bot ?? false,
  };
}

export function memberPayload(user: FakeUser): Record<string, unknown> {
  return {
    user: userPayload(user),
    roles: user.roles ?? [],
    joined_at: "2024-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: 0,
    permissions: "2248473465835073",
  };
}

export interface FakeChannel {
  id: string;
  /** 0 text, 11 public thread. */
  type: number;
  name: string;
  parentId?: string;
}

export function channelPayload(channel: FakeChannel, guildId: string): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    guild_id: guildId,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: channel.parentId ?? null,
  };
  if (channel.type === 11 || channel.type === 12) {
    base.thread_metadata = {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: "2024-01-01T00:00:00.000Z",
      locked: false,
    };
    base.owner_id = "1";
    base.message_count = 0;
    base.member_count = 1;
  }
  return base;
}

const rolePayload = (id: string, name: string, position: number) => ({
  id,
  name,
  permissions: "2248473465835073",
  position,
  color: 0,
  hoist: false,
  managed: false,
  mentionable: false,
  flags: 0,
});

export function guildPayload(
  guildId: string,
  channels: FakeChannel[],
  bot: FakeUser,
  roles: readonly string[] = [],
): Record<string, unknown> {
  const isThread = (c: FakeChannel) => c.type === 10 || c.type === 11 || c.type === 12;
  return {
    id: guildId,
    name: "Fake guild",
    icon: null,
    owner_id: "1",
    unavailable: false,
    member_count: 2,
    large: false,
    features: [],
    roles: [
      rolePayload(guildId, "@everyone", 0),
      ...roles.map((id, i) => rolePayload(id, `role ${i + 1}`, i + 1)),
    ],
    emojis: [],
    stickers: [],
    members: [memberPayload(bot)],
    channels: channels.filter((c) => !isThread(c)).map((c) => channelPayload(c, guildId)),
    threads: channels.filter(isThread).map((c) => channelPayload(c, guildId)),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    joined_at: "2024-01-01T00:00:00.000Z",
    premium_tier: 0,
    preferred_locale: "en-US",
  };
}

export interface MessageInit {
  id?: string;
  channelId: string;
  guildId?: string | null;
  author: FakeUser;
  content?: string;
  embeds?: unknown[];
  /** User ids mentioned in the content. */
  mentions?: FakeUser[];
  mentionEveryone?: boolean;
  reference?: { messageId: string; channelId: string } | null;
  webhookId?: string | null;
  applicationId?: string | null;
  flags?: number;
  /** Action rows (buttons) as the bot sent them. */
  components?: unknown[];
  /** Files on the message (FakeDiscord.attachment()). */
  attachments?: unknown[];
}

export function messagePayload(init: MessageInit): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    id: init.id ?? snowflake(),
    type: init.reference ? 19 : 0,
    channel_id: init.channelId,
    author: userPayload(init.author),
    content: init.content ?? "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: init.mentionEveryone ?? false,
    mentions: (init.mentions ?? []).map(userPayload),
    mention_roles: [],
    attachments: init.attachments ?? [],
    embeds: init.embeds ?? [],
    components: init.components ?? [],
    pinned: false,
    flags: init.flags ?? 0,
  };
  if (init.guildId) payload.guild_id = init.guildId;
  if (init.webhookId) payload.webhook_id = init.webhookId;
  if (init.applicationId) payload.application_id = init.applicationId;
  if (init.reference) {
    payload.message_reference = {
      type: 0,
      message_id: init.reference.messageId,
      channel_id: init.reference.channelId,
      ...(init.guildId ? { guild_id: init.guildId } : {}),
    };
  }
  return payload;
}

export interface InteractionInit {
  applicationId: string;
  /** null: not in a guild (the bot's DM, a group DM). */
  guildId: string | null;
  channel: FakeChannel;
  user: FakeUser;
  /** 2 application command, 3 message component (a button), 4 autocomplete. */
  type: 2 | 3 | 4;
  data: Record<string, unknown>;
  /** For a component: the message the button is on (discord.js requires it). */
  message?: Record<string, unknown>;
  id?: string;
  token?: string;
  /** 0 guild (default), 1 the bot's DM, 2 a group DM or a DM between users. */
  context?: 0 | 1 | 2;
  /** The app is installed for the user, not (only) the guild: a user-installed app. */
  userInstall?: boolean;
}

export function interactionPayload(init: InteractionInit): Record<string, unknown> {
  const owners: Record<string, string> = {};
  if (init.guildId !== null && !init.userInstall) owners["0"] = init.guildId;
  if (init.userInstall || init.guildId === null) owners["1"] = init.user.id;
  const where =
    init.guildId === null
      ? {
          channel: { id: init.channel.id, type: init.channel.type, name: init.channel.name },
          user: userPayload(init.user),
        }
      : {
          guild_id: init.guildId,
          guild_locale: "en-US",
          channel: channelPayload(init.channel, init.guildId),
          member: memberPayload(init.user),
        };
  return {
    id: init.id ?? snowflake(),
    application_id: init.applicationId,
    type: init.type,
    data: init.data,
    channel_id: init.channel.id,
    ...where,
    token: init.token ?? `tok-${snowflake()}`,
    version: 1,
    app_permissions: "2248473465835073",
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: owners,
    context: init.context ?? 0,
    attachment_size_limit: 10_485_760,
    ...(init.message === undefined ? {} : { message: init.message }),
  };
}

/** A button as the bot drew it in a message's action rows. */
export interface DiscordButton {
  custom_id: string;
  label: string;
  style: number;
}

/** Every button on a message, in order. */
export function buttonsOn(message: Record<string, unknown> | undefined): DiscordButton[] {
  const rows = (message?.components ?? []) as { components?: { type?: number }[] }[];
  return rows.flatMap((r) => (r.components ?? []).filter((c) => c.type === 2)) as DiscordButton[];
}

/** INTERACTION_CREATE data for a click on a button (component_type 2) with this custom_id. */
export function buttonData(customId: unknown): Record<string, unknown> {
  return { component_type: 2, custom_id: customId };
}

/** INTERACTION_CREATE data for `/port query:<value>` (focused for autocomplete). */
export function portCommandData(value: string, focused = false): Record<string, unknown> {
  return {
    id: "1000000000000000001",
    name: "port",
    type: 1,
    options: [{ name: "query", type: 3, value, ...(focused ? { focused: true } : {}) }],
  };
}

/** INTERACTION_CREATE data for the message context-menu command on `message`. */
export function messageCommandData(
  name: string,
  message: Record<string, unknown>,
): Record<string, unknown> {
  const id = String(message.id);
  return {
    id: "1000000000000000002",
    name,
    type: 3,
    target_id: id,
    resolved: { messages: { [id]: message } },
  };
}

export function reactionPayload(init: {
  user: FakeUser;
  channelId: string;
  messageId: string;
  /** null in a DM. */
  guildId: string | null;
  emoji: string;
  messageAuthorId?: string;
  withMember?: boolean;
}): Record<string, unknown> {
  return {
    user_id: init.user.id,
    channel_id: init.channelId,
    message_id: init.messageId,
    ...(init.guildId === null ? {} : { guild_id: init.guildId }),
    emoji: { id: null, name: init.emoji },
    burst: false,
    burst_colors: [],
    type: 0,
    ...(init.withMember === false || init.guildId === null
      ? {}
      : { member: memberPayload(init.user) }),
    ...(init.messageAuthorId ? { message_author_id: init.messageAuthorId } : {}),
  };
}
