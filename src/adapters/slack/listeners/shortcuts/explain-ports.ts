// Message shortcut "Explain ports": answers every port in the chosen message, in its thread.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import type { Answerer } from "../../answerer.ts";

export const EXPLAIN_PORTS_CALLBACK_ID = "explain_ports";

export function explainPorts(answerer: Answerer) {
  return async ({
    shortcut,
    ack,
    respond,
    client,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const threadTs =
      typeof shortcut.message.thread_ts === "string"
        ? shortcut.message.thread_ts
        : shortcut.message.ts;
    await answerer.run(
      {
        kind: "shortcut",
        id: `slack:${shortcut.trigger_id}`,
        text: shortcut.message.text ?? "",
        responseUrl: shortcut.response_url,
        dest: {
          workspace: shortcut.team?.id ?? shortcut.user.team_id ?? "",
          channel: shortcut.channel.id,
          threadTs,
          asker: shortcut.user.id,
          ...(shortcut.user.username ? { askerName: shortcut.user.username } : {}),
        },
      },
      { client, respond },
    );
  };
}
