// Message shortcut "Explain ports": answers every port in the chosen message, in its thread.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import type { Reply } from "../../../../core/reply-model.ts";
import {
  deliverAll,
  errorSummary,
  failureCodeFor,
  respondPrivately,
  type SlackDeps,
  yieldToAcks,
} from "../../deliver.ts";
import { slackToPlain } from "../../markup.ts";

export const EXPLAIN_PORTS_CALLBACK_ID = "explain_ports";

export function explainPorts(deps: SlackDeps) {
  return async ({
    shortcut,
    ack,
    respond,
    client,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await yieldToAcks();
    const send = (reply: Reply, ...extra: Reply[]) =>
      respondPrivately(respond, deps, reply, ...extra);
    try {
      const text = slackToPlain(shortcut.message.text ?? "");
      const replies = deps.portbot.repliesForMessage(text);
      if (replies.length === 0) {
        // Nothing to explain: a hint for the person, not a post in someone else's thread.
        await send(deps.portbot.usageHint());
        return;
      }
      const threadTs =
        typeof shortcut.message.thread_ts === "string"
          ? shortcut.message.thread_ts
          : shortcut.message.ts;
      const dest = {
        workspace: shortcut.team?.id ?? shortcut.user.team_id ?? "",
        channel: shortcut.channel.id,
        threadTs,
        asker: shortcut.user.id,
      };
      await deliverAll(client, deps, dest, replies, send);
    } catch (error) {
      deps.logger.error(errorSummary(error), "slack: explain_ports failed");
      await send(deps.portbot.failure(failureCodeFor(error)));
    }
  };
}
