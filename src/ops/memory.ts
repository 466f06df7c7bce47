// Gives a burst's memory back once the bot is quiet again. After a burst V8 keeps the old-generation
// pages it grew into (about 60 MB more than idle after 2,000 commands) until a memory-reducing
// collection, and a server that then sits idle never gets one. So, when the event loop has been
// quiet for a whole check and the heap has grown well past where it was, the bot asks V8 for one
// full, memory-reducing collection (its "last resort" collection, as for a low-memory warning):
// one pause of tens of milliseconds, at a moment nobody is waiting. docs/operations.md, Memory.
import { performance } from "node:perf_hooks";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Logger } from "../logger.ts";

/** V8's gc(), as `--expose-gc` gives it. */
export type Gc = (options?: { type?: "major"; flavor?: "regular" | "last-resort" }) => unknown;

/**
 * gc() without a command-line flag: set the flag, then a new context gets the function (the way
 * Node's documentation shows for v8.setFlagsFromString). Null where V8 will not give it.
 */
export function exposeGc(): Gc | null {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === "function") return existing as Gc;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as Gc) : null;
  } catch {
    return null;
  }
}

export interface ReleasePolicy {
  /** Event-loop utilisation over a whole check below which the bot counts as quiet. */
  quietBelow: number;
  /** How much the heap must have grown since the last release (or since the bot started). */
  growth: number;
}

export const RELEASE_POLICY: ReleasePolicy = { quietBelow: 0.02, growth: 1.5 };
/** How often the loop's quiet and the heap are looked at. */
export const RELEASE_CHECK_MS = 10_000;

/** Whether to collect now: quiet over the last check, and the heap grown past the baseline. */
export function shouldRelease(
  sample: { utilization: number; heapBytes: number },
  baselineBytes: number,
  policy: ReleasePolicy = RELEASE_POLICY,
): boolean {
  return sample.utilization < policy.quietBelow && sample.heapBytes > baselineBytes * policy.growth;
}

export interface MemoryReleaser {
  /** One check now (the timer calls it); true when it collected. */
  check(): boolean;
  stop(): void;
}

export interface ReleaserDeps {
  gc: Gc | null;
  logger: Logger;
  /** V8's committed heap, in bytes. */
  heapBytes?: () => number;
  /** Event-loop utilisation since the previous call (0–1). */
  utilization?: () => number;
  checkMs?: number;
  policy?: ReleasePolicy;
}

function utilizationSinceLastCall(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, last);
    last = now;
    return since.utilization;
  };
}

/** Checks every RELEASE_CHECK_MS (never keeping the process alive); does nothing without gc(). */
export function startMemoryReleaser(deps: ReleaserDeps): MemoryReleaser {
  const heapBytes = deps.heapBytes ?? (() => getHeapStatistics().total_heap_size);
  const utilization = deps.utilization ?? utilizationSinceLastCall();
  const policy = deps.policy ?? RELEASE_POLICY;
  // Started once the adapters are up: the heap a running, idle bot holds.
  let baseline = heapBytes();
  const check = (): boolean => {
    const sample = { utilization: utilization(), heapBytes: heapBytes() };
    if (deps.gc === null || !shouldRelease(sample, baseline, policy)) return false;
    deps.gc({ type: "major", flavor: "last-resort" });
    baseline = heapBytes();
    deps.logger.info(
      { heapBefore: sample.heapBytes, heapAfter: baseline },
      "memory: a burst's heap given back",
    );
    return true;
  };
  const timer = setInterval(check, deps.checkMs ?? RELEASE_CHECK_MS);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
