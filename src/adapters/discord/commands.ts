// The application commands, read from manifests/discord-commands.json: the single source of truth
// for `portbot discord register` and for the names the interaction router answers.
import type { RESTPutAPIApplicationCommandsJSONBody } from "discord.js";
import manifest from "../../../manifests/discord-commands.json" with { type: "json" };

/** 1 chat input (slash), 3 message context menu. */
export type CommandType = 1 | 3;

export interface CommandKey {
  name: string;
  type: CommandType;
}

/** The manifest as Discord's bulk-overwrite body. */
export const COMMANDS: RESTPutAPIApplicationCommandsJSONBody =
  manifest as RESTPutAPIApplicationCommandsJSONBody;

/** The names the code uses; commandKeys() below checks them against the manifest at load. */
export const PORT_COMMAND = "port";
export const PORT_QUERY_OPTION = "query";
export const EXPLAIN_PORTS_COMMAND = "Explain ports";

export function commandKey(name: string, type: number): string {
  return `${type}:${name}`;
}

/** (name, type) of every command in the manifest. */
export function manifestCommands(): CommandKey[] {
  return manifest.map((c) => ({ name: c.name, type: c.type as CommandType }));
}
