// Where every command's configuration comes from: the environment, plus a `.env` file in the working
// directory for the variables the environment does not set (the environment wins, as with Node's
// process.loadEnvFile). One helper so `npm start`, `portbot serve`, `portbot stats`, `portbot data`
// and `portbot discord register` all see the same settings. Kept free of zod so the CLI starts fast.
// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { readFileSync } = process.getBuiltinModule("node:fs");
const { join } = process.getBuiltinModule("node:path");
const { parseEnv } = process.getBuiltinModule("node:util");

export const DOT_ENV = ".env";

/**
 * Adds the variables of `<dir>/.env` that `env` lacks (an empty value in `env` counts as set) and
 * returns `env`. No file: `env` unchanged. A file that cannot be read is reported through `warn`
 * (its contents never are) and skipped.
 */
export function withDotEnv(
  env: NodeJS.ProcessEnv = process.env,
  dir: string = process.cwd(),
  warn: (message: string) => void = (m) => process.stderr.write(`portbot: ${m}\n`),
): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(join(dir, DOT_ENV), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") {
      warn(`${DOT_ENV} in ${dir} not read (${code ?? "unreadable"}); using the environment only`);
    }
    return env;
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined) env[name] = value;
  }
  return env;
}
