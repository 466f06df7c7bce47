// "Explain ports" (message context menu): the answers go into the channel as replies to the chosen
// message, so they can be read in context and rated; the command's own ephemeral response carries
// whatever is for the asker alone, and is removed when nothing was.
import { type MessageContextMenuCommandInteraction, MessageFlags } from "discord.js";
import { stripDiscordMarkup } from "../markup.ts";
import { channelPoster, discordPort, interactionResponder } from "../port.ts";
import { type DiscordDeps, placeOf, rolesOf } from "./deps.ts";

export async function onExplainPorts(
  i: MessageContextMenuCommandInteraction,
  deps: DiscordDeps,
): Promise<void> {
  const target = i.targetMessage;
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const responder = interactionResponder(i, "ephemeral");
  const port = discordPort(
    deps.client,
    channelPoster(deps.client, target.channelId, target.id, false),
    responder.sendPrivate,
    rolesOf(i.member),
  );
  const place = placeOf(i.guildId, target.channelId, i.channel?.isThread() === true, i.user);
  await deps.kit.answer(
    { surface: "message", text: stripDiscordMarkup(target.content), id: `discord:${i.id}` },
    port,
    place,
  );
  await responder.finish();
}
