// A direct message to the bot (the app's Messages tab, event `message.im`): `5432?` or a pasted
// listing, answered in the DM (in the thread when asked in one), and rated there like any answer.
// Only what a person wrote counts: no bot's message (this one's answers arrive here too), no edit,
// join or other subtype; a retried or redelivered event is answered once.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Answerer } from "../../answerer.ts";
import type { SlackDeps } from "../../deps.ts";
import { firstDelivery } from "./claim.ts";

type MessageArgs = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

/** The person's words in a plain DM message, or null for anything else. */
function personal(
  event: MessageArgs["event"],
  botUserId: string,
): { user: string; text: string; ts: string; threadTs: string | null } | null {
  if (event.channel_type !== "im" || event.subtype !== undefined) return null;
  if ("bot_id" in event && event.bot_id !== undefined) return null;
  const { user, text } = event;
  if (user === undefined || user === botUserId || !text) return null;
  return { user, text, ts: event.ts, threadTs: event.thread_ts ?? null };
}

export function directMessage(deps: SlackDeps, answerer: Answerer) {
  return async ({ event, body, client }: MessageArgs): Promise<void> => {
    const message = personal(event, deps.identity.botUserId);
    if (message === null) return;
    if (!(await firstDelivery(deps, body.event_id, "direct message"))) return;
    await answerer.run(
      {
        kind: "dm",
        id: `slack:${body.event_id}`,
        text: message.text,
        dest: {
          workspace: body.team_id ?? "",
          channel: event.channel,
          threadTs: message.threadTs,
          asker: message.user,
        },
      },
      { client },
    );
  };
}
