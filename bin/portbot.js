#!/usr/bin/env node
// Runs the compiled CLI (fast start); falls back to the TypeScript sources in a checkout that has
// not been built yet (Node 24 strips the types).
import { existsSync } from "node:fs";
import module from "node:module";

// import.meta.main arrived in Node 22.18 and 24.2 (package.json engines; src/node-version.ts).
// Before it, say so instead of failing later in a stranger way.
if (typeof import.meta.main !== "boolean") {
  process.stderr.write(
    `portbot needs Node.js ^22.18.0 || >=24.2.0; this is ${process.version}. Install Node 24 LTS.\n`,
  );
  process.exit(1);
}

module.enableCompileCache?.();
const built = new URL("../dist/cli/main.js", import.meta.url);
const entry = existsSync(built) ? built.href : new URL("../src/cli/main.ts", import.meta.url).href;
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
// A command that failed (a bot that could not start) must not be kept alive by a leftover handle.
if (process.exitCode !== 0) setTimeout(() => process.exit(), 3_000).unref();
