// `/port <query>`: ack at once, then answer. Public answers are posted with chat.postMessage (so
// people can react to rate them); help, errors and stats go only to the asker through respond().
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import {
  deliverAll,
  errorSummary,
  failureCodeFor,
  respondPrivately,
  type SlackDeps,
  yieldToAcks,
} from "../../deliver.ts";
import { slackToPlain } from "../../markup.ts";

export const PORT_COMMAND = "/port";

export function portCommand(deps: SlackDeps) {
  return async ({
    command,
    ack,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await yieldToAcks();
    try {
      const query = slackToPlain(command.text);
      let reply = deps.portbot.reply(query);
      if (reply.kind === "stats") reply = deps.portbot.stats(await deps.store.stats());
      const dest = {
        workspace: command.team_id ?? "",
        channel: command.channel_id,
        threadTs: null,
        asker: command.user_id,
      };
      await deliverAll(client, deps, dest, [reply], (r, ...extra) =>
        respondPrivately(respond, deps, r, ...extra),
      );
    } catch (error) {
      deps.logger.error(errorSummary(error), "slack: /port failed");
      await respondPrivately(respond, deps, deps.portbot.failure(failureCodeFor(error)));
    }
  };
}
