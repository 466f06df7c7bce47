// "Explain ports" (message context menu): the answers go into the channel as replies to the chosen
// message, so they can be read in context and rated; the command's own ephemeral response carries
// whatever is for the asker alone, and is removed when nothing was. Where the bot is not a member
// (a user-installed app in another guild, a group DM), the answers are that ephemeral response.
import { type MessageContextMenuCommandInteraction, MessageFlags } from "discord.js";
import { questionText } from "../attachments.ts";
import { stripDiscordMarkup } from "../markup.ts";
import { botCanPostIn, channelPoster, discordPort, interactionResponder } from "../port.ts";
import { type DiscordDeps, placeOf, rolesOf } from "./deps.ts";

export async function onExplainPorts(
  i: MessageContextMenuCommandInteraction,
  deps: DiscordDeps,
): Promise<void> {
  const target = i.targetMessage;
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const responder = interactionResponder(i, "ephemeral");
  const inPlace = botCanPostIn(i, deps.client);
  const post = inPlace
    ? channelPoster(deps.client, target.channelId, target.id, false)
    : responder.postEphemeral;
  const port = discordPort(deps.client, post, responder.sendPrivate, rolesOf(i.member), inPlace);
  const place = placeOf(i.guildId, target.channelId, i.channel?.isThread() === true, i.user);
  const content = stripDiscordMarkup(target.content);
  const text = await questionText(content, target.attachments, deps.client, deps.logger);
  await deps.kit.answer({ surface: "message", text, id: `discord:${i.id}` }, port, place);
  await responder.finish();
}
