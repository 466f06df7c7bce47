// Core figures: answer time for a numeric and a name query, and the CLI's cold start against bare
// Node. Registry load times per source are in registry.bench.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import { loadPortbot } from "../src/core/portbot.ts";

const BIN = fileURLToPath(new URL("../bin/portbot.js", import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function coldStart(args: string[], env: NodeJS.ProcessEnv, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  }
  return median(times);
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "portbot-bench-"));
  try {
    const portbot = loadPortbot({ dataDir });
    const bench = new Bench({ time: 1000, warmup: true });
    bench
      .add("answer 60876 (numeric)", () => {
        portbot.answer("60876");
      })
      .add("answer postgres (name search)", () => {
        portbot.answer("postgres");
      })
      .add("answer remote desktop (two-word search)", () => {
        portbot.answer("remote desktop");
      })
      .add("reply 5432 (answer + wording)", () => {
        portbot.reply("5432");
      });
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result;
      const med = r && "latency" in r ? r.latency.p50 : Number.NaN;
      console.log(`${task.name.padEnd(42)} median ${((med ?? Number.NaN) * 1000).toFixed(2)} µs`);
    }
    console.log("(targets: numeric answer < 20 µs, name search < 1 ms)");

    const env = { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir };
    const runs = 15;
    coldStart(["-e", "0"], env, 2);
    const bare = coldStart(["-e", "0"], env, runs);
    const cli = coldStart([BIN, "5432"], env, runs);
    const json = coldStart([BIN, "postgres", "--json"], env, runs);
    console.log(`bare node -e 0                             median ${bare.toFixed(1)} ms`);
    console.log(
      `portbot 5432 (cold start)                  median ${cli.toFixed(1)} ms = ${(cli / bare).toFixed(2)}× bare Node`,
    );
    console.log(
      `portbot postgres --json (cold start)       median ${json.toFixed(1)} ms = ${(json / bare).toFixed(2)}× bare Node`,
    );
    console.log("(target: CLI at most 2.5× bare Node)");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
