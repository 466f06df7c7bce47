// Where the work after an ack runs. Inline: in the listener's thread (tests, small setups). Worker:
// in a worker thread with its own core, store connection and Web API client, so the thread that
// acks Slack's requests does nothing else and acks stay as fast as a bare Bolt app's under load.
import { Worker } from "node:worker_threads";
import type { RespondFn, webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { RuntimeConfig } from "../../runtime.ts";
import { DEFAULT_MAX_IN_FLIGHT, type Kit } from "../kit/index.ts";
import { type AnswerJob, type JobEnv, refuseBusyJob, runAnswerJob } from "./jobs.ts";
import type { BotIdentity } from "./port.ts";
import type { RateLimitPolicy } from "./retry.ts";

/** What a listener passes besides the job: Bolt's client and respond() for inline runs. */
export interface ListenerTools {
  client: webApi.WebClient;
  respond?: RespondFn;
}

export interface Answerer {
  readonly where: "inline" | "worker";
  /** Whether a worker thread is running now (always false inline). */
  threadRunning(): boolean;
  /** Resolves when the job is done (answered, or the failure told to the asker and logged). */
  run(job: AnswerJob, tools: ListenerTools): Promise<void>;
  close(): Promise<void>;
}

/** What answering in the listener's thread needs besides Bolt's tools. */
export interface InlineDeps {
  kit: Kit;
  retry: RateLimitPolicy;
  logger: Logger;
}

function inlineEnv(deps: InlineDeps, tools: ListenerTools): JobEnv {
  return {
    ...deps,
    client: tools.client,
    respond: () => {
      if (tools.respond === undefined) throw new Error("this request has no response_url");
      return tools.respond;
    },
  };
}

/**
 * Lets the event loop take pending I/O (other requests waiting for their ack) before this
 * answer's work: the work after an ack is otherwise a microtask continuation that runs first.
 */
function yieldToAcks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function inlineAnswerer(deps: InlineDeps): Answerer {
  return {
    where: "inline",
    threadRunning: () => false,
    run: async (job, tools) => {
      await yieldToAcks();
      // Counted as the kit's work, so its bound on work in flight applies (busy past it).
      await deps.kit.work.run(
        () => runAnswerJob(job, inlineEnv(deps, tools)),
        (err) => deps.logger.error({ err }, "slack: answering failed"),
      );
    },
    close: async () => {},
  };
}

/**
 * Everything the worker needs to build its own JobEnv (structured-cloneable): the shared runtime
 * configuration and Slack's own, nothing of other adapters.
 */
export interface WorkerSetup {
  runtime: RuntimeConfig;
  slack: SlackConfig;
  identity: BotIdentity;
  retry: RateLimitPolicy;
  /** Jobs held by the worker past which new ones are refused as busy (default: the kit's). */
  maxPending?: number;
  /**
   * The worker exits after this long with no job (default WORKER_IDLE_EXIT_MS), giving its memory
   * back, and the next job starts a new one: a burst's worker does not stay resident.
   */
  idleExitMs?: number;
}

/** How long an idle answer worker lives: past a burst, well within a minute (issue figures). */
export const WORKER_IDLE_EXIT_MS = 15_000;

/**
 * The worker's V8 heap: the young generation small (its garbage is short-lived request objects,
 * so a bigger one only holds more of it), the old generation capped well above what it keeps
 * (~20 MB). Past the cap the worker stops and its jobs are answered inline (as when it dies).
 */
export const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 };

/** Scheduling priority (nice) of the answer thread: below the acking thread's 0. */
export const ANSWER_THREAD_NICE = 10;

type FromWorker = { done: number } | { ready: true };

// The worker runs from dist/ as .js and from src/ as .ts (type stripping), like this module.
const WORKER_URL = new URL(
  import.meta.url.endsWith(".ts") ? "./answer-worker.ts" : "./answer-worker.js",
  import.meta.url,
);

/** Workers told to close, until they have exited (close() waits for every one). */
function workerExits() {
  const leaving = new Set<Promise<void>>();
  return {
    stop(w: Worker): Promise<void> {
      const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
      leaving.add(exited);
      void exited.finally(() => leaving.delete(exited));
      w.postMessage({ close: true });
      return exited;
    },
    all: () => Promise.all(leaving),
  };
}

/** Calls `onIdle` once `ms` pass after the last arm() with no disarm() since; never holds the process. */
function idleTimer(ms: number, onIdle: () => void) {
  let timer: NodeJS.Timeout | null = null;
  const disarm = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    arm() {
      disarm();
      timer = setTimeout(() => {
        timer = null;
        onIdle();
      }, ms);
      timer.unref();
    },
    disarm,
  };
}

/**
 * Runs jobs in one worker thread, started by the first job and stopped after WORKER_IDLE_EXIT_MS
 * without one. If the worker dies, the jobs it held are answered inline (an
 * acked question is never dropped) and the next job starts a new worker.
 */
export function workerAnswerer(setup: WorkerSetup, deps: InlineDeps): Answerer {
  const { logger } = deps;
  let worker: Worker | null = null;
  let closing = false;
  let nextId = 1;
  const pending = new Map<number, { job: AnswerJob; tools: ListenerTools; done: () => void }>();
  const inFlight = new Set<Promise<void>>();

  const exits = workerExits();
  // The worker leaves when idle (its memory goes with it); the next job starts another.
  const idle = idleTimer(setup.idleExitMs ?? WORKER_IDLE_EXIT_MS, () => {
    const w = worker;
    if (w === null || pending.size > 0) return;
    worker = null;
    void exits.stop(w);
  });

  const spawn = (): Worker => {
    const w = new Worker(WORKER_URL, { workerData: setup, resourceLimits: WORKER_HEAP_LIMITS });
    w.on("message", (m: FromWorker) => {
      if ("done" in m) {
        pending.get(m.done)?.done();
        pending.delete(m.done);
        if (pending.size === 0 && !closing) idle.arm();
      }
    });
    const fail = (reason: unknown) => {
      if (worker !== w) return;
      worker = null;
      if (closing && pending.size === 0) return;
      logger.error({ err: reason }, "slack: answer worker stopped; answering its jobs inline");
      for (const [id, p] of pending) {
        pending.delete(id);
        void runAnswerJob(p.job, inlineEnv(deps, p.tools)).finally(p.done);
      }
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`answer worker exited with code ${code}`)));
    return w;
  };

  return {
    where: "worker",
    threadRunning: () => worker !== null,
    run(job, tools) {
      // Bounded: past the limit the asker is told the bot is busy, instead of memory growing.
      if (pending.size >= (setup.maxPending ?? DEFAULT_MAX_IN_FLIGHT)) {
        return refuseBusyJob(job, inlineEnv(deps, tools));
      }
      idle.disarm();
      worker ??= spawn();
      const w = worker;
      const id = nextId++;
      const done = new Promise<void>((resolve) => {
        pending.set(id, { job, tools, done: resolve });
        w.postMessage({ id, job });
      });
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
      return done;
    },
    async close() {
      closing = true;
      idle.disarm();
      // Acked jobs finish first: someone is waiting for those answers.
      while (inFlight.size > 0) await Promise.all(inFlight);
      const w = worker;
      worker = null;
      if (w !== null) void exits.stop(w);
      await exits.all();
    },
  };
}
