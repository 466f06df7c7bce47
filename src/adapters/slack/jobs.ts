// The work after an ack, as plain data: a listener acks, turns the request into an AnswerJob and
// hands it to an Answerer, which runs it here or in a worker thread (answerer.ts). Everything a
// job needs beyond its data comes from the JobEnv of the thread that runs it.
import type { RespondFn, webApi } from "@slack/bolt";
import type { Reply } from "../../core/reply-model.ts";
import { withStats } from "../with-stats.ts";
import {
  type Destination,
  deliverAll,
  errorSummary,
  failureCodeFor,
  postEphemeral,
  respondPrivately,
  type SlackDeps,
} from "./deliver.ts";
import { slackToPlain } from "./markup.ts";

export type AnswerJob =
  /** `/port <text>`: the answer in the channel, private replies through response_url. */
  | { kind: "command"; text: string; dest: Destination; responseUrl: string }
  /** `@portbot …`: one answer per port in the thread; private replies as ephemeral messages. */
  | { kind: "mention"; text: string; dest: Destination }
  /** "Explain ports" on a message: answers in its thread; private replies through response_url. */
  | { kind: "shortcut"; text: string; dest: Destination; responseUrl: string };

export interface JobEnv {
  client: webApi.WebClient;
  deps: SlackDeps;
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

/** Replies for free text, the stats figures filled in, the usage hint when nothing was found. */
function repliesFor(deps: SlackDeps, text: string): Promise<Reply[]> {
  const replies = deps.portbot.repliesForMessage(slackToPlain(text));
  return withStats(
    replies.length > 0 ? replies : [deps.portbot.usageHint()],
    deps.portbot,
    deps.store,
  );
}

export async function runAnswerJob(job: AnswerJob, env: JobEnv): Promise<void> {
  const { client, deps } = env;
  const respond = "responseUrl" in job ? env.respond(job.responseUrl) : null;
  const sendPrivate = (reply: Reply, ...extra: Reply[]) =>
    respond !== null
      ? respondPrivately(respond, deps, reply, ...extra)
      : postEphemeral(client, deps, job.dest, reply);
  try {
    switch (job.kind) {
      case "command": {
        const replies = await withStats(
          [deps.portbot.reply(slackToPlain(job.text))],
          deps.portbot,
          deps.store,
        );
        await deliverAll(client, deps, job.dest, replies, sendPrivate);
        return;
      }
      // Private replies (the usage hint when nothing was found) go only to the person who asked.
      case "mention":
      case "shortcut":
        await deliverAll(client, deps, job.dest, await repliesFor(deps, job.text), sendPrivate);
        return;
    }
  } catch (error) {
    deps.logger.error({ ...errorSummary(error), job: job.kind }, "slack: answering failed");
    if (respond !== null) {
      await respondPrivately(respond, deps, deps.portbot.failure(failureCodeFor(error)));
    }
  }
}
