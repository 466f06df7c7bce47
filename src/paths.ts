// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { homedir } = process.getBuiltinModule("node:os");
const { join } = process.getBuiltinModule("node:path");

/** Default home of the bot's files: $XDG_DATA_HOME/portbot or ~/.local/share/portbot. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".local", "share");
  return join(base, "portbot");
}

/** PORTBOT_DATA_DIR when set, else the default. Kept free of zod so the CLI starts fast. */
export function dataDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.PORTBOT_DATA_DIR?.trim() || defaultDataDir(env);
}
