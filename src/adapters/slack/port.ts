// Slack's platform port for one request: public answers with chat.postMessage (people can react
// to those), private ones through the request's response_url (slash commands, shortcuts) or as an
// ephemeral message (mentions), the bot's rating reactions with reactions.add.
import type { RespondFn, webApi } from "@slack/bolt";
import type { Reply } from "../../core/reply-model.ts";
import type { Logger } from "../../logger.ts";
import type { PlatformFailure, PlatformPort } from "../kit/index.ts";
import { renderMessage, type SlackMessage } from "./blocks.ts";
import { groupCheckFor } from "./groups.ts";
import { displayName } from "./names.ts";
import { SLACK_SEEDS } from "./ratings.ts";
import {
  platformErrorOf,
  RateLimitedError,
  type RateLimitPolicy,
  withRateLimitRetry,
} from "./retry.ts";

export interface BotIdentity {
  /** The bot user (`U…`): its mention is stripped, its reactions never count. */
  botUserId: string;
  /** The bot (`B…`). */
  botId: string;
}

/** Where a Slack request was made. */
export interface Destination {
  /** Slack team id ("" when the payload has none). */
  workspace: string;
  channel: string;
  /** Reply in this thread, or null for the channel. */
  threadTs: string | null;
  /** The person who asked. */
  asker: string;
  /** Their user name, when the payload carries one (slash commands and shortcuts do). */
  askerName?: string;
}

/** Errors meaning the bot cannot post where it was asked (a DM, a channel it is not in). */
const CANNOT_POST = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
]);

export function classifySlackError(error: unknown): PlatformFailure {
  if (error instanceof RateLimitedError) return "rate-limited";
  const platform = platformErrorOf(error);
  return platform !== null && CANNOT_POST.has(platform) ? "cannot-post" : "other";
}

export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const slackError = platformErrorOf(error);
  return { error: error.message, name: error.name, ...(slackError === null ? {} : { slackError }) };
}

export interface SlackPortDeps {
  client: webApi.WebClient;
  retry: RateLimitPolicy;
  logger: Logger;
  /** The request's response_url poster (slash commands, shortcuts); absent for mentions. */
  respond?: RespondFn;
  /**
   * A DM with the bot: only the asker reads it, so private replies are ordinary messages there
   * (an ephemeral one would vanish on reload).
   */
  direct?: boolean;
}

export function slackPort(dest: Destination, deps: SlackPortDeps): PlatformPort {
  const { client, retry } = deps;
  const thread = dest.threadTs === null ? {} : { thread_ts: dest.threadTs };
  /** A message where the request was made, in its thread (people can react to it). */
  const post = (message: SlackMessage) =>
    withRateLimitRetry(
      () =>
        client.chat.postMessage({
          channel: dest.channel,
          ...thread,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      retry,
    );
  return {
    capabilities: { privateReplies: true, ratings: "react", buttons: true },
    async postPublic(reply: Reply) {
      const posted = await post(renderMessage(reply));
      if (posted.ts === undefined) throw new Error("chat.postMessage returned no ts");
      return { channel: posted.channel ?? dest.channel, messageId: posted.ts };
    },
    async sendPrivate(replies) {
      const [first, ...rest] = replies;
      if (first === undefined) return;
      const message = renderMessage(first, ...rest);
      if (deps.direct === true) {
        await post(message);
        return;
      }
      if (deps.respond !== undefined) {
        await deps.respond({
          response_type: "ephemeral",
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
        return;
      }
      await withRateLimitRetry(
        () =>
          client.chat.postEphemeral({
            channel: dest.channel,
            user: dest.asker,
            ...thread,
            text: message.text,
            blocks: message.blocks,
          }),
        retry,
      );
    },
    async react(posted, rating) {
      try {
        await withRateLimitRetry(
          () =>
            client.reactions.add({
              channel: posted.channel,
              timestamp: posted.messageId,
              name: SLACK_SEEDS[rating],
            }),
          retry,
        );
      } catch (error) {
        if (platformErrorOf(error) !== "already_reacted") throw error;
      }
    },
    classify: classifySlackError,
    memberOf: (ids) => groupCheckFor(client, deps.logger)(dest.asker, ids),
    nameOf: () => displayName(client, dest.asker, deps.logger),
  };
}
