// The work after an ack, as plain data: a listener acks, turns the request into an AnswerJob and
// hands it to an Answerer, which runs it here or in a worker thread (answerer.ts). Running a job
// is the kit's flow with Slack's platform port.
import type { RespondFn, webApi } from "@slack/bolt";
import type { Logger } from "../../logger.ts";
import type { Kit, Place } from "../kit/index.ts";
import { slackToPlain } from "./markup.ts";
import { type Destination, slackPort } from "./port.ts";
import type { RateLimitPolicy } from "./retry.ts";

export type AnswerJob =
  /** `/port <text>`: the answer in the channel, private replies through response_url. */
  | { kind: "command"; text: string; dest: Destination; responseUrl: string; id?: string }
  /** `@portbot …`: one answer per port in the thread; private replies as ephemeral messages. */
  | { kind: "mention"; text: string; dest: Destination; id?: string }
  /** "Explain ports" on a message: answers in its thread; private replies through response_url. */
  | { kind: "shortcut"; text: string; dest: Destination; responseUrl: string; id?: string };

export interface JobEnv {
  kit: Kit;
  client: webApi.WebClient;
  retry: RateLimitPolicy;
  logger: Logger;
  /** respond() for a response_url (Bolt's in the listener's thread, respondTo() in a worker). */
  respond: (responseUrl: string) => RespondFn;
}

/** Bolt's respond(): POST the message as JSON to the response_url; a non-2xx status throws. */
export function respondTo(responseUrl: string): RespondFn {
  return async (message) => {
    const response = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(typeof message === "string" ? { text: message } : message),
    });
    if (!response.ok) {
      throw new Error(`response_url answered ${response.status} ${response.statusText}`);
    }
    return response;
  };
}

function portFor(job: AnswerJob, env: JobEnv) {
  return slackPort(job.dest, {
    client: env.client,
    retry: env.retry,
    logger: env.logger,
    ...("responseUrl" in job ? { respond: env.respond(job.responseUrl) } : {}),
  });
}

/** Tells the asker the bot is too busy to take the job (bounded queues). */
export function refuseBusyJob(job: AnswerJob, env: JobEnv): Promise<void> {
  return env.kit.refuseBusy(portFor(job, env));
}

export async function runAnswerJob(job: AnswerJob, env: JobEnv): Promise<void> {
  const port = portFor(job, env);
  const place: Place = {
    platform: "slack",
    workspace: job.dest.workspace,
    channel: job.dest.channel,
    thread: job.dest.threadTs,
    asker: job.dest.asker,
    ...(job.dest.askerName === undefined ? {} : { askerName: job.dest.askerName }),
  };
  const surface = job.kind === "command" ? "command" : "message";
  const ask = { surface, text: slackToPlain(job.text), ...(job.id ? { id: job.id } : {}) } as const;
  await env.kit.answer(ask, port, place);
}
