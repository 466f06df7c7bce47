// Autocomplete for `/port query`: the core's suggestions, within Discord's limits (25 choices,
// 100 characters each, cut on a character boundary so no emoji is split).
import type { AutocompleteInteraction } from "discord.js";
import { clipCodePoints } from "../../kit/text.ts";
import { PORT_COMMAND } from "../commands.ts";
import { stripDiscordMarkup } from "../markup.ts";
import type { DiscordDeps } from "./deps.ts";

const AUTOCOMPLETE_LIMIT = 25;
const CHOICE_MAX = 100;

/** The focused option's text, whatever Discord sent (a number for a numeric option, or nothing). */
function focusedText(i: AutocompleteInteraction): string {
  try {
    return String(i.options.getFocused() ?? "");
  } catch {
    return "";
  }
}

export async function onAutocomplete(i: AutocompleteInteraction, deps: DiscordDeps): Promise<void> {
  if (i.commandName !== PORT_COMMAND) {
    await i.respond([]);
    return;
  }
  const choices = deps.portbot
    .suggest(stripDiscordMarkup(focusedText(i)), AUTOCOMPLETE_LIMIT)
    .slice(0, AUTOCOMPLETE_LIMIT)
    .map((s) => ({
      name: clipCodePoints(s.label, CHOICE_MAX),
      value: clipCodePoints(s.value, CHOICE_MAX),
    }))
    .filter((c) => c.name.length > 0 && c.value.length > 0);
  // No deferral exists for autocomplete: answer at once, with what the core has.
  await i.respond(choices);
}
