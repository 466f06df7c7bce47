// Worker thread entry (answerer.ts): its own runtime (core, store connection) from the shared
// bootstrap and its own Web API client; runs AnswerJobs as they come and reports each when done.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { webApi } from "@slack/bolt";
import { createLogger } from "../../logger.ts";
import { openRuntime } from "../../runtime.ts";
import { createKit } from "../kit/index.ts";
import { ANSWER_THREAD_NICE, type WorkerSetup } from "./answerer.ts";
import { boltLogger } from "./bolt-logger.ts";
import { type AnswerJob, type JobEnv, respondTo, runAnswerJob } from "./jobs.ts";
import { webClientOptions } from "./retry.ts";

const setup = workerData as WorkerSetup;

/**
 * Answers are background work and acks are not: when the CPU is contended, the thread that acks
 * Slack's requests should run first. Linux lets a thread's priority be set by its id, which
 * /proc/thread-self names; elsewhere this does nothing.
 */
function lowerThisThreadsPriority(): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, ANSWER_THREAD_NICE);
  } catch {
    // Not Linux, or not permitted: the answers simply run at normal priority.
  }
}
const port = parentPort;
if (port === null) throw new Error("answer-worker.ts runs only as a worker thread");

const logger = createLogger({ level: setup.runtime.logLevel }).child({
  adapter: "slack",
  thread: "answers",
});
lowerThisThreadsPriority();
// The worker answers from its own core: it watches the data directory too.
const runtime = await openRuntime(setup.runtime, { logger, warm: true, reloadData: true });
const kit = createKit(runtime);
const env: JobEnv = {
  kit,
  client: new webApi.WebClient(
    setup.slack.botToken,
    webClientOptions(setup.slack.apiUrl, boltLogger(logger)),
  ),
  retry: setup.retry,
  logger,
  respond: respondTo,
};

let closeRequested = false;
const closeWhenIdle = async () => {
  if (!closeRequested || kit.work.size > 0) return;
  await runtime.shutdown([]);
  port.close();
};

port.on("message", async (m: { id: number; job: AnswerJob } | { close: true }) => {
  if ("close" in m) {
    closeRequested = true;
    await closeWhenIdle();
    return;
  }
  await kit.work.run(
    () => runAnswerJob(m.job, env),
    (err) => logger.error({ err }, "slack: answering failed"),
  );
  port.postMessage({ done: m.id });
  await closeWhenIdle();
});
