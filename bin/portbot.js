#!/usr/bin/env node
// Runs the compiled CLI (fast start); falls back to the TypeScript sources in a checkout that has
// not been built yet (Node 24 strips the types).

// import.meta.main arrived in Node 22.18 and 24.2 (package.json engines; src/node-version.ts). On
// an older Node, say so before anything else (process.getBuiltinModule may be missing too).
if (typeof import.meta.main !== "boolean") {
  process.stderr.write(
    `portbot needs Node.js ^22.18.0 || >=24.2.0; this is ${process.version}. Install Node 24 LTS.\n`,
  );
  process.exit(1);
}

// Builtins come through process.getBuiltinModule here and in the modules a CLI answer loads, not
// through `import … from "node:fs"`: an ESM import of a builtin builds a facade over all its
// exports (for node:fs that loads its stream classes), ~1–2 ms each of every cold start.
const { existsSync } = process.getBuiltinModule("node:fs");
const module = process.getBuiltinModule("node:module");

module.enableCompileCache?.();
const built = new URL("../dist/cli/main.js", import.meta.url);
const entry = existsSync(built) ? built.href : new URL("../src/cli/main.ts", import.meta.url).href;
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
// A command that failed (a bot that could not start) must not be kept alive by a leftover handle.
if (process.exitCode !== 0) setTimeout(() => process.exit(), 3_000).unref();
