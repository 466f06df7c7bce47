// Registry figures: load time of each source (cold, in fresh child processes; and warm, repeated
// in-process), the CSV parse the cache avoids, and the cost of recordsFor(port).
// The IANA source needs a real CSV: $IANA_CSV, else ../shared/data/ when present; skipped otherwise.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { readIanaCsv } from "../src/core/registry/csv.ts";
import { loadRegistry } from "../src/core/registry/load.ts";
import { updateRegistry } from "../src/core/registry/update.ts";
import type { Registry } from "../src/core/types.ts";

const LOAD_URL = new URL("../src/core/registry/load.ts", import.meta.url).href;
const SHARED_CSV = fileURLToPath(
  new URL("../../shared/data/iana-service-names-port-numbers.csv", import.meta.url),
);
const COLD_RUNS = 7;
const WARM_RUNS = 15;
const PROBES = [42, 22, 443, 5432, 6000, 6031, 27005, 49151, 60876, 65535];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** In a fresh Node: import `url` only; the baseline every .ts import pays (type-stripping setup). */
function coldImport(url: string): number {
  const code = `const t0 = performance.now(); await import(${JSON.stringify(url)});
    process.stdout.write(String(performance.now() - t0));`;
  return Number(
    execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }),
  );
}

/** In a fresh Node: import the loader and load; returns [import ms, loadRegistry ms]. */
function coldLoad(dataDir: string): [number, number] {
  const code = `
    const t0 = performance.now();
    const { loadRegistry } = await import(${JSON.stringify(LOAD_URL)});
    const t1 = performance.now();
    const r = loadRegistry({ dataDir: ${JSON.stringify(dataDir)} });
    const t2 = performance.now();
    if (r.warning !== null) throw new Error(r.warning);
    process.stdout.write(JSON.stringify([t1 - t0, t2 - t1, r.source]));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], {
    encoding: "utf8",
  });
  const [imp, load] = JSON.parse(out) as [number, number, string];
  return [imp, load];
}

function report(label: string, dataDir: string, baseline: number): void {
  const cold = Array.from({ length: COLD_RUNS }, () => coldLoad(dataDir));
  const warm: number[] = [];
  let reg: Registry | undefined;
  for (let i = 0; i < WARM_RUNS; i++) {
    const t0 = performance.now();
    reg = loadRegistry({ dataDir });
    warm.push(performance.now() - t0);
  }
  const coldLoadMs = median(cold.map((c) => c[1]));
  const coldImportMs = median(cold.map((c) => c[0]));
  console.log(
    `registry load, ${label} (${reg?.records.length ?? "?"} records): ` +
      `cold ${ms(coldLoadMs)} load + ${ms(coldImportMs)} module import (median of ${COLD_RUNS} fresh processes), ` +
      `warm ${ms(median(warm))} (median of ${WARM_RUNS} in-process loads); load + import − baseline = ` +
      `${ms(coldLoadMs + coldImportMs - baseline)} = ${((coldLoadMs + coldImportMs - baseline) / 150).toFixed(2)}× the 150 ms target`,
  );
}

async function lookups(registries: [string, Registry][]): Promise<void> {
  const bench = new Bench({ time: 500, warmup: true });
  for (const [label, reg] of registries) {
    bench.add(`recordsFor × ${PROBES.length} ports, ${label}`, () => {
      for (const p of PROBES) reg.recordsFor(p);
    });
  }
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result;
    const med = r && "latency" in r ? r.latency.p50 : undefined;
    if (med === undefined) continue;
    const perLookupNs = (med * 1e6) / PROBES.length;
    console.log(
      `${task.name}: median ${perLookupNs.toFixed(0)} ns per lookup (${(perLookupNs / 20_000).toFixed(4)} of the 20 µs answer budget)`,
    );
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "portbot-registry-bench-"));
  try {
    const emptyTs = join(dir, "empty.ts");
    writeFileSync(emptyTs, "export const x = 1;\n");
    const baseline = median(
      Array.from({ length: COLD_RUNS }, () => coldImport(pathToFileURL(emptyTs).href)),
    );
    console.log(
      `baseline: importing an empty .ts module in a fresh Node takes ${ms(baseline)} (type-stripping setup, paid once by any portbot start)`,
    );
    const defaultDir = join(dir, "empty");
    report("default (port-numbers + ranges)", defaultDir, baseline);
    const registries: [string, Registry][] = [["default", loadRegistry({ dataDir: defaultDir })]];

    const csv = process.env.IANA_CSV?.trim() || (existsSync(SHARED_CSV) ? SHARED_CSV : "");
    if (csv === "") {
      console.log("registry load, IANA CSV: skipped (set IANA_CSV to a copy of IANA's CSV)");
    } else {
      const text = readFileSync(csv, "utf8");
      const parse: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        readIanaCsv(text);
        parse.push(performance.now() - t0);
      }
      console.log(
        `IANA CSV parse + validation (what the cache saves at each start): ${ms(median(parse))} (median of 5, in-process)`,
      );
      const iana = join(dir, "iana");
      const result = await updateRegistry({ from: csv, dataDir: iana });
      if (!result.ok) throw new Error(result.reason);
      report("IANA CSV via cache", iana, baseline);
      registries.push(["IANA CSV", loadRegistry({ dataDir: iana })]);
    }
    await lookups(registries);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
