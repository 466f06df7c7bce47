// `@portbot what's on 5432?` in a channel or thread: answered in the channel, replying to the
// question; what is for the asker alone (help, stats, the usage hint) goes by direct message.
// In a DM with the bot every message is a question, mention or not, answered in the DM.
import type { Message } from "discord.js";
import { questionText } from "../attachments.ts";
import { mentionsUser, stripDiscordMarkup } from "../markup.ts";
import { channelPoster, directMessenger, discordPort } from "../port.ts";
import { type DiscordDeps, placeOf, rolesOf } from "./deps.ts";

export async function onMessage(message: Message, deps: DiscordDeps): Promise<void> {
  const me = deps.client.user;
  // No bot's message is a question (this one's included): answering could loop.
  if (!me || message.author.bot || message.webhookId) return;
  const direct = message.guildId === null;
  // Explicit mentions only: a reply to one of our answers also lists the bot in `mentions`.
  if (!direct && !mentionsUser(message.content, me.id)) return;
  const port = discordPort(
    deps.client,
    channelPoster(deps.client, message.channelId, message.id, !direct),
    directMessenger(deps.client, message.author.id),
    rolesOf(message.member),
  );
  const place = placeOf(
    message.guildId,
    message.channelId,
    message.channel.isThread(),
    message.author,
  );
  const content = stripDiscordMarkup(message.content);
  const text = await questionText(content, message.attachments, deps.client, deps.logger);
  await deps.kit.answer({ surface: "message", text, id: `discord:${message.id}` }, port, place);
}
