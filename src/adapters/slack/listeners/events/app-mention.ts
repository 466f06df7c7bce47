// `@portbot what's on 5432 and 6379?` in a channel or a thread: one answer per port found, in the
// thread (a new thread under the question when it was asked in the channel).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import {
  deliverAll,
  errorSummary,
  postEphemeral,
  type SlackDeps,
  yieldToAcks,
} from "../../deliver.ts";
import { slackToPlain } from "../../markup.ts";

export function appMention(deps: SlackDeps) {
  return async ({
    event,
    body,
    client,
  }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs): Promise<void> => {
    await yieldToAcks(); // Bolt acked already; queued acks go before this answer's work
    try {
      // Retries (X-Slack-Retry-Num) and Socket Mode redeliveries carry the same event_id.
      if (!(await deps.store.claimEvent(body.event_id))) return;
      const text = slackToPlain(event.text);
      let replies = deps.portbot.repliesForMessage(text);
      if (replies.length === 0) replies = [deps.portbot.usageHint()];
      const stats = replies.some((r) => r.kind === "stats") ? await deps.store.stats() : null;
      replies = replies.map((r) => (r.kind === "stats" && stats ? deps.portbot.stats(stats) : r));
      const dest = {
        workspace: body.team_id ?? event.team ?? "",
        channel: event.channel,
        threadTs: event.thread_ts ?? event.ts,
        asker: event.user ?? "",
      };
      await deliverAll(client, deps, dest, replies, (reply) =>
        postEphemeral(client, deps, dest, reply),
      );
    } catch (error) {
      deps.logger.error(errorSummary(error), "slack: app_mention failed");
    }
  };
}
