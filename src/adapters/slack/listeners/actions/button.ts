// A button under an answer (Commands, All uses, Details) or on a private reply (Share in channel):
// acked at once, then answered through the kit. The clicker alone sees a section (response_url,
// ephemeral, never replacing the public answer); a share is posted where the reply was shown.
// What the button asks for is in its value, so any instance answers it, after any restart.
import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { Answerer } from "../../answerer.ts";
import { ACTION_ID_PREFIX } from "../../blocks.ts";

/** Every button portbot draws has an action_id with this prefix (blocks.ts). */
export const BUTTON_ACTION_ID = new RegExp(`^${ACTION_ID_PREFIX.replace(".", "\\.")}`);

/** Where the clicked message is: a thread's ts when Slack says (ephemeral messages carry it here). */
function threadOf(body: BlockAction): string | null {
  const fromContainer = (body.container as { thread_ts?: unknown } | undefined)?.thread_ts;
  if (typeof fromContainer === "string") return fromContainer;
  const fromMessage = body.message?.thread_ts;
  return typeof fromMessage === "string" ? fromMessage : null;
}

function channelOf(body: BlockAction): string {
  const fromContainer = (body.container as { channel_id?: unknown } | undefined)?.channel_id;
  return body.channel?.id ?? (typeof fromContainer === "string" ? fromContainer : "");
}

export function buttonClicked(answerer: Answerer) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> &
    AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = "value" in action && typeof action.value === "string" ? action.value : null;
    await answerer.run(
      {
        kind: "click",
        id: `slack:${body.trigger_id ?? action.action_ts}`,
        button: value,
        responseUrl: body.response_url,
        dest: {
          workspace: body.team?.id ?? body.user.team_id ?? "",
          channel: channelOf(body),
          threadTs: threadOf(body),
          asker: body.user.id,
        },
      },
      { client, respond },
    );
  };
}
