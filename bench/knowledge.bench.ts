// Curated knowledge figures: how long loadKnowledge takes, what full zod validation would cost
// instead, and the cold-start price of importing the loader vs. the schemas (why the loader is
// zod-free). Figures only; nothing is asserted.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATA_DIR, KNOWLEDGE_FILES, loadKnowledge } from "../src/core/knowledge/load.ts";
import {
  ChecksFileSchema,
  EphemeralRangesFileSchema,
  UnofficialUsesFileSchema,
} from "../src/core/knowledge/schema.ts";

const LOAD = fileURLToPath(new URL("../src/core/knowledge/load.ts", import.meta.url));
const SCHEMA = fileURLToPath(new URL("../src/core/knowledge/schema.ts", import.meta.url));
const TYPES = fileURLToPath(new URL("../src/core/types.ts", import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function timeMs(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

function coldStart(args: string[], runs: number): number {
  return timeMs(() => {
    const r = spawnSync(process.execPath, args, { stdio: "ignore" });
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}`);
  }, runs);
}

export async function run(): Promise<void> {
  const k = loadKnowledge();
  console.log(
    `entries: ${k.unofficial.length} unofficial uses, ${k.ephemeral.length} ephemeral ranges, ${k.checks.length} checks`,
  );

  const load = timeMs(() => loadKnowledge(), 100);
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, name), "utf8"));
  const validate = timeMs(() => {
    UnofficialUsesFileSchema.parse(read(KNOWLEDGE_FILES.unofficial));
    EphemeralRangesFileSchema.parse(read(KNOWLEDGE_FILES.ephemeral));
    ChecksFileSchema.parse(read(KNOWLEDGE_FILES.checks));
  }, 30);
  console.log(`loadKnowledge (read + structural check)     median ${load.toFixed(3)} ms`);
  console.log(`read + full zod validation                  median ${validate.toFixed(3)} ms`);
  console.log(`ratio zod validation / loadKnowledge        ${(validate / load).toFixed(1)}×`);

  const runs = 11;
  coldStart(["-e", "0"], 2);
  const bare = coldStart(["-e", "0"], runs);
  const tsBaseline = coldStart(
    ["--input-type=module", "-e", `await import(${JSON.stringify(TYPES)})`],
    runs,
  );
  const loader = coldStart(
    ["--input-type=module", "-e", `(await import(${JSON.stringify(LOAD)})).loadKnowledge()`],
    runs,
  );
  const schemas = coldStart(
    ["--input-type=module", "-e", `await import(${JSON.stringify(SCHEMA)})`],
    runs,
  );
  console.log(`cold start: bare node -e 0                  median ${bare.toFixed(1)} ms`);
  console.log(
    `cold start: import types.ts (any .ts file)  median ${tsBaseline.toFixed(1)} ms (${(tsBaseline / bare).toFixed(2)}× bare)`,
  );
  console.log(
    `cold start: import load.ts + loadKnowledge  median ${loader.toFixed(1)} ms (+${(loader - tsBaseline).toFixed(1)} ms over a .ts import)`,
  );
  console.log(
    `cold start: import schema.ts (zod)          median ${schemas.toFixed(1)} ms (+${(schemas - tsBaseline).toFixed(1)} ms over a .ts import)`,
  );
}
