// `/port <query>`: ack at once, then answer (jobs.ts). Public answers are posted with
// chat.postMessage (so people can react to rate them); help, errors and stats go only to the asker
// through respond().
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Answerer } from "../../answerer.ts";

export const PORT_COMMAND = "/port";

export function portCommand(answerer: Answerer) {
  return async ({
    command,
    ack,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await answerer.run(
      {
        kind: "command",
        id: `slack:${command.trigger_id}`,
        text: command.text,
        responseUrl: command.response_url,
        dest: {
          workspace: command.team_id ?? "",
          channel: command.channel_id,
          threadTs: null,
          asker: command.user_id,
          ...(command.user_name ? { askerName: command.user_name } : {}),
        },
      },
      { client, respond },
    );
  };
}
