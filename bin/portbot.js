#!/usr/bin/env node
// Runs the compiled CLI (fast start); falls back to the TypeScript sources in a checkout that has
// not been built yet (Node 24 strips the types).
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
