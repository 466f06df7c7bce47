// Curated knowledge figures: what the data holds (by category and confidence, how many sources are
// specific pages rather than roots), how much of nmap's most-found ports it answers, how long
// loadKnowledge takes, what full zod validation would cost instead, and the cold-start price of
// importing the loader vs. the schemas (why the loader is zod-free). Figures only; nothing is
// asserted.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATA_DIR, KNOWLEDGE_FILES, loadKnowledge } from "../src/core/knowledge/load.ts";
import {
  ChecksFileSchema,
  EphemeralRangesFileSchema,
  ExposureNotesFileSchema,
  PrivilegedPortsFileSchema,
  UnofficialUsesFileSchema,
} from "../src/core/knowledge/schema.ts";
import { isRootSource } from "../src/core/knowledge/sources.ts";
import { lazyDefaultRegistry } from "../src/core/registry/port-numbers.ts";
import type { Knowledge, Registry } from "../src/core/types.ts";
import { NMAP_SERVICES, nmapTopPorts } from "../test/support/nmap.ts";

/** A curated span wider than this says little about one port (the whole dynamic range, …). */
const MAX_CURATED_SPAN = 1000;

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

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

const pct = (n: number, of: number) => `${of === 0 ? 0 : ((100 * n) / of).toFixed(1)}%`;

type Coverage = "iana" | "curated" | "neither";

/**
 * IANA when a row for the protocol (or without one) assigns it, or reserves it with something to
 * say (a description beyond "Reserved", or notes such as a de-assignment); curated when a use of the
 * protocol covers it with a span of at most MAX_CURATED_SPAN ports.
 */
function coverage(
  port: number,
  protocol: "tcp" | "udp",
  registry: Registry,
  k: Knowledge,
): Coverage {
  const rows = registry
    .recordsFor(port)
    .filter((r) => r.protocol === protocol || r.protocol === null);
  if (
    rows.some(
      (r) =>
        r.status === "assigned" ||
        (r.status === "reserved" && (r.description.trim() !== "Reserved" || r.notes !== null)),
    )
  ) {
    return "iana";
  }
  const curated = k.unofficial.some(
    (u) =>
      u.first <= port &&
      port <= u.last &&
      u.protocols.includes(protocol) &&
      u.last - u.first < MAX_CURATED_SPAN,
  );
  return curated ? "curated" : "neither";
}

function printNmapCoverage(k: Knowledge): void {
  if (!existsSync(NMAP_SERVICES)) {
    console.log(`nmap coverage: skipped (${NMAP_SERVICES} not installed; apt-get install nmap)`);
    return;
  }
  const text = readFileSync(NMAP_SERVICES, "utf8");
  const registry = lazyDefaultRegistry();
  for (const [protocol, n] of [
    ["tcp", 1000],
    ["udp", 200],
  ] as const) {
    const ports = nmapTopPorts(text, protocol, n).map((p) => p.port);
    const by = { iana: [] as number[], curated: [] as number[], neither: [] as number[] };
    for (const port of ports) by[coverage(port, protocol, registry, k)].push(port);
    console.log(
      `nmap top ${ports.length} ${protocol.toUpperCase()} (default data): ${by.iana.length} IANA, ` +
        `${by.curated.length} curated only, ${by.neither.length} neither ` +
        `(${pct(ports.length - by.neither.length, ports.length)} answered)`,
    );
    console.log(`  uncovered ${protocol}: ${by.neither.sort((a, b) => a - b).join(" ") || "none"}`);
  }
}

export async function run(): Promise<void> {
  const k = loadKnowledge();
  console.log(
    `entries: ${k.unofficial.length} unofficial uses, ${k.ephemeral.length} ephemeral ranges, ${k.checks.length} checks, ${k.exposure.length} exposure notes, ${k.privileged.length} privileged-port rules`,
  );
  console.log(
    `by category: ${countBy(k.unofficial, (u) => u.category)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")}`,
  );
  console.log(
    `by confidence: ${countBy(k.unofficial, (u) => u.confidence)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")}`,
  );
  console.log(
    `by prominence: ${countBy(k.unofficial, (u) => String(u.prominence))
      .map(([c, n]) => `${c}: ${n}`)
      .join(", ")}`,
  );
  const roots = k.unofficial.filter((u) => isRootSource(u.source)).length;
  console.log(
    `sources: ${k.unofficial.length - roots} specific pages (${pct(k.unofficial.length - roots, k.unofficial.length)}), ${roots} repository roots or home pages (${pct(roots, k.unofficial.length)})`,
  );
  printNmapCoverage(k);

  const load = timeMs(() => loadKnowledge(), 100);
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, name), "utf8"));
  const validate = timeMs(() => {
    UnofficialUsesFileSchema.parse(read(KNOWLEDGE_FILES.unofficial));
    EphemeralRangesFileSchema.parse(read(KNOWLEDGE_FILES.ephemeral));
    ChecksFileSchema.parse(read(KNOWLEDGE_FILES.checks));
    ExposureNotesFileSchema.parse(read(KNOWLEDGE_FILES.exposure));
    PrivilegedPortsFileSchema.parse(read(KNOWLEDGE_FILES.privileged));
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
