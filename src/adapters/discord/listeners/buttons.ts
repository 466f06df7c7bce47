// A button under an answer (Commands, All uses, Details) or on a private reply (Share in channel).
// The interaction is deferred at once (ephemeral for a section, public for a share) and answered
// through the kit in that deferred response, so the 3-second window is met whatever follows.
// What the button asks for is in its custom_id: any shard or replica answers it, after a restart.
import { type ButtonInteraction, MessageFlags } from "discord.js";
import { decodeButton } from "../../kit/buttons.ts";
import { discordPort, interactionResponder } from "../port.ts";
import { type DiscordDeps, placeOf } from "./deps.ts";

export async function onButton(i: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  // Only a share is answered in the channel; a section and an unreadable id go to the clicker.
  const deferred = decodeButton(i.customId)?.kind === "share" ? "public" : "ephemeral";
  await i.deferReply(deferred === "ephemeral" ? { flags: MessageFlags.Ephemeral } : {});
  const responder = interactionResponder(i, deferred);
  const port = discordPort(deps.client, responder.postPublic, responder.sendPrivate);
  const place = placeOf(i.guildId, i.channelId, i.channel?.isThread() === true, i.user);
  await deps.kit.click({ button: i.customId, id: `discord:${i.id}` }, port, place);
  await responder.finish();
}
