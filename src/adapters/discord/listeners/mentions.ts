// `@portbot what's on 5432?` in a channel or thread: answered in the channel, replying to the
// question; what is for the asker alone (help, stats, the usage hint) goes by direct message.
import type { Message } from "discord.js";
import { mentionsUser, stripDiscordMarkup } from "../markup.ts";
import { channelPoster, directMessenger, discordPort } from "../port.ts";
import { type DiscordDeps, placeOf, rolesOf } from "./deps.ts";

export async function onMessage(message: Message, deps: DiscordDeps): Promise<void> {
  const me = deps.client.user;
  // No bot's message is a question (this one's included): answering could loop.
  if (!me || message.author.bot || message.webhookId) return;
  // Explicit mentions only: a reply to one of our answers also lists the bot in `mentions`.
  if (!mentionsUser(message.content, me.id)) return;
  const port = discordPort(
    deps.client,
    channelPoster(deps.client, message.channelId, message.id, true),
    directMessenger(deps.client, message.author.id),
    rolesOf(message.member),
  );
  const place = placeOf(
    message.guildId,
    message.channelId,
    message.channel.isThread(),
    message.author,
  );
  await deps.kit.answer(
    { surface: "message", text: stripDiscordMarkup(message.content), id: `discord:${message.id}` },
    port,
    place,
  );
}
