// `/port query:<text>`: defer at once (publicly, or ephemerally when parsing alone says the reply
// is for the asker), then answer through the kit in the deferred response.
import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import { PORT_QUERY_OPTION } from "../commands.ts";
import { stripDiscordMarkup } from "../markup.ts";
import { discordPort, interactionResponder } from "../port.ts";
import { type DiscordDeps, placeOf, rolesOf } from "./deps.ts";

export async function onPortCommand(
  i: ChatInputCommandInteraction,
  deps: DiscordDeps,
): Promise<void> {
  const text = stripDiscordMarkup(i.options.getString(PORT_QUERY_OPTION) ?? "");
  const deferred = deps.portbot.visibilityOf(text) === "private" ? "ephemeral" : "public";
  // Defer first and await it: the 3-second window is met whatever follows, and no edit can race
  // the deferral (10062/40060 come from racing them).
  await i.deferReply(deferred === "ephemeral" ? { flags: MessageFlags.Ephemeral } : {});
  const responder = interactionResponder(i, deferred);
  const port = discordPort(
    deps.client,
    responder.postPublic,
    responder.sendPrivate,
    rolesOf(i.member),
  );
  const place = placeOf(i.guildId, i.channelId, i.channel?.isThread() === true, i.user);
  await deps.kit.answer({ surface: "command", text, id: `discord:${i.id}` }, port, place);
}
