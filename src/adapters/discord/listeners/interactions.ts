// Routes interactions to their handler: commands by (command type, name), as the manifest declares
// them; buttons by what their custom_id says (listeners/buttons.ts).
import { type Interaction, MessageFlags } from "discord.js";
import { commandKey, EXPLAIN_PORTS_COMMAND, PORT_COMMAND } from "../commands.ts";
import { renderReply } from "../embeds.ts";
import { onAutocomplete } from "./autocomplete.ts";
import { onButton } from "./buttons.ts";
import type { DiscordDeps } from "./deps.ts";
import { onExplainPorts } from "./explain-ports.ts";
import { onPortCommand } from "./port-command.ts";

/** Which handler answers each (type, name); must match manifests/discord-commands.json exactly. */
export const COMMAND_ROUTES: Readonly<Record<string, "port" | "explain">> = {
  [commandKey(PORT_COMMAND, 1)]: "port",
  [commandKey(EXPLAIN_PORTS_COMMAND, 3)]: "explain",
};

export async function onInteraction(i: Interaction, deps: DiscordDeps): Promise<void> {
  if (i.isAutocomplete()) return onAutocomplete(i, deps);
  if (i.isButton()) return onButton(i, deps);
  if (!i.isCommand()) return;
  const route = COMMAND_ROUTES[commandKey(i.commandName, i.commandType)];
  if (route === "port" && i.isChatInputCommand()) return onPortCommand(i, deps);
  if (route === "explain" && i.isMessageContextMenuCommand()) return onExplainPorts(i, deps);
  deps.logger.warn({ command: i.commandName }, "unknown command: register the manifest again");
  const [embeds = []] = renderReply(deps.portbot.failure("internal"));
  await i.reply({ embeds, flags: MessageFlags.Ephemeral });
}
