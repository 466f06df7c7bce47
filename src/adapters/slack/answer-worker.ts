// Worker thread entry (answerer.ts): its own core, feedback store connection and Web API client;
// runs AnswerJobs one message at a time as they come and reports each when done.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { webApi } from "@slack/bolt";
import { loadPortbot } from "../../core/portbot.ts";
import { openFeedbackStore } from "../../feedback/open.ts";
import { createLogger } from "../../logger.ts";
import { ANSWER_THREAD_NICE, type WorkerSetup } from "./answerer.ts";
import { type AnswerJob, respondTo, runAnswerJob } from "./jobs.ts";
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
const slack = setup.config.slack;
if (slack === null) throw new Error("answer worker started without Slack configuration");

const logger = createLogger({ level: setup.config.logLevel }).child({
  adapter: "slack",
  thread: "answers",
});
lowerThisThreadsPriority();
const portbot = loadPortbot({ dataDir: setup.config.dataDir, logger });
portbot.warm();
const store = await openFeedbackStore(setup.config);
const env = {
  client: new webApi.WebClient(slack.botToken, webClientOptions(slack.apiUrl)),
  deps: {
    portbot,
    store,
    logger,
    identity: setup.identity,
    retry: setup.retry,
    seedReactions: setup.seedReactions,
  },
  respond: respondTo,
};

let running = 0;
let closeRequested = false;
const closeWhenIdle = async () => {
  if (!closeRequested || running > 0) return;
  await store.close();
  logger.flush();
  port.close();
};

port.on("message", async (m: { id: number; job: AnswerJob } | { close: true }) => {
  if ("close" in m) {
    closeRequested = true;
    await closeWhenIdle();
    return;
  }
  running++;
  try {
    await runAnswerJob(m.job, env);
  } finally {
    running--;
    port.postMessage({ done: m.id });
    await closeWhenIdle();
  }
});
