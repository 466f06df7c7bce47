// Core figures: answer time for a numeric and a name query, the CLI's cold start against bare
// Node (numeric and name search, with the name-search index prebuilt at `npm run build`), and the
// first name search in a fresh process with that index and without it. Registry load times per
// source are in registry.bench.ts.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import { loadPortbot } from "../src/core/portbot.ts";

const BIN = fileURLToPath(new URL("../bin/portbot.js", import.meta.url));
const PORTBOT_JS = new URL("../dist/core/portbot.js", import.meta.url).href;
const PREBUILT = fileURLToPath(new URL("../dist/core/search-index.json", import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/**
 * Median wall time of each command in fresh processes, run in turns (bare Node, then each command,
 * then again) so that a busy machine slows them alike and the ratios stay comparable.
 */
function coldStarts(commands: string[][], env: NodeJS.ProcessEnv, runs: number): number[] {
  const times = commands.map((): number[] => []);
  for (let i = 0; i < runs + 2; i++) {
    commands.forEach((args, j) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { env, stdio: "ignore" });
      if (i >= 2) times[j]?.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
    });
  }
  return times.map(median);
}

/** In a fresh Node: the first name search, with the prebuilt index or building it (ms). */
function firstSearch(prebuilt: boolean, dataDir: string): number {
  const code = `
    const { createPortbot, loadPortbot } = await import(${JSON.stringify(PORTBOT_JS)});
    const loaded = loadPortbot({ dataDir: ${JSON.stringify(dataDir)} });
    const portbot = ${prebuilt} ? loaded : createPortbot(loaded.registry, loaded.knowledge);
    const t0 = performance.now();
    if (portbot.answer("postgress").ports[0]?.port !== 5432) throw new Error("postgress");
    process.stdout.write(String(performance.now() - t0));`;
  return Number(
    execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }),
  );
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
    const commands = [
      ["-e", "0"],
      [BIN, "5432"],
      [BIN, "5432", "--json"],
      [BIN, "postgres", "--json"],
      [BIN, "postgress", "--json"],
    ];
    const [bare = 1, ...cli] = coldStarts(commands, env, 15);
    console.log(`bare node -e 0                             median ${bare.toFixed(1)} ms`);
    cli.forEach((ms, i) => {
      const label = `portbot ${commands[i + 1]?.slice(1).join(" ")} (cold start)`;
      console.log(
        `${label.padEnd(42)} median ${ms.toFixed(1)} ms = ${(ms / bare).toFixed(2)}× bare Node`,
      );
    });
    console.log(
      "(target: CLI at most 2.5× bare Node; name search uses the index prebuilt in dist/)",
    );
    if (existsSync(PREBUILT)) {
      const runs = (prebuilt: boolean) =>
        median(Array.from({ length: 7 }, () => firstSearch(prebuilt, dataDir)));
      console.log(
        `first name search in a fresh process (postgress): prebuilt index ${runs(true).toFixed(1)} ms, building it ${runs(false).toFixed(1)} ms`,
      );
    } else {
      console.log(`first name search: no ${PREBUILT} (run npm run build)`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
