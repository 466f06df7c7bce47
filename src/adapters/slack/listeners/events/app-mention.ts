// `@portbot what's on 5432 and 6379?` in a channel or a thread: one answer per port found, in the
// thread (a new thread under the question when it was asked in the channel).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Answerer } from "../../answerer.ts";
import type { SlackDeps } from "../../deps.ts";
import { firstDelivery } from "./claim.ts";

export function appMention(deps: SlackDeps, answerer: Answerer) {
  return async ({
    event,
    body,
    client,
  }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs): Promise<void> => {
    // Other bots (and this one) mentioning portbot are not questions: answering could loop.
    if (event.bot_id !== undefined || event.user === deps.identity.botUserId) return;
    // In a DM with the bot, the message itself is the question (direct-message.ts answers it).
    if (event.channel.startsWith("D")) return;
    if (!(await firstDelivery(deps, body.event_id, "app_mention"))) return;
    await answerer.run(
      {
        kind: "mention",
        id: `slack:${body.event_id}`,
        text: event.text,
        dest: {
          workspace: body.team_id ?? event.team ?? "",
          channel: event.channel,
          threadTs: event.thread_ts ?? event.ts,
          asker: event.user ?? "",
        },
      },
      { client },
    );
  };
}
