// Sending replies: public answers (post, record, seed the rating reactions), private replies
// (respond() to a response_url, or an ephemeral message), and mapping failures to the core's
// wording for them.
import type { RespondFn, webApi } from "@slack/bolt";
import type { FailureCode, Portbot } from "../../core/portbot-api.ts";
import type { Reply } from "../../core/reply-model.ts";
import type { FeedbackStore } from "../../feedback/types.ts";
import type { Logger } from "../../logger.ts";
import { renderMessage } from "./blocks.ts";
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

/** What every listener needs. */
export interface SlackDeps {
  portbot: Portbot;
  store: FeedbackStore;
  logger: Logger;
  identity: BotIdentity;
  retry: RateLimitPolicy;
  /** Reaction names the bot adds to its rateable answers. */
  seedReactions: readonly string[];
}

export interface Destination {
  /** Slack team id ("" when the payload has none). */
  workspace: string;
  channel: string;
  /** Reply in this thread, or null for the channel. */
  threadTs: string | null;
  /** The person who asked. */
  asker: string;
}

/** Errors meaning the bot cannot post where it was asked (a DM, a channel it is not in). */
const CANNOT_POST = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export function failureCodeFor(error: unknown): FailureCode {
  if (error instanceof RateLimitedError) return "rate-limited";
  const platform = platformErrorOf(error);
  if (platform !== null && CANNOT_POST.has(platform)) return "not-in-channel";
  return "internal";
}

function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  return {
    error: error.message,
    name: error.name,
    ...(platformErrorOf(error) === null ? {} : { slackError: platformErrorOf(error) }),
  };
}

/**
 * Posts a public reply; when it is rateable, records it in the feedback store and seeds the
 * rating reactions. Returns the message ts. Throws when posting fails (RateLimitedError after the
 * bounded retries, or the Web API error); recording and seeding failures are logged, not thrown.
 */
export async function postPublic(
  client: webApi.WebClient,
  deps: SlackDeps,
  dest: Destination,
  reply: Reply,
): Promise<string> {
  const message = renderMessage(reply);
  const posted = await withRateLimitRetry(
    () =>
      client.chat.postMessage({
        channel: dest.channel,
        ...(dest.threadTs === null ? {} : { thread_ts: dest.threadTs }),
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      }),
    deps.retry,
  );
  const ts = posted.ts;
  if (ts === undefined) throw new Error("chat.postMessage returned no ts");
  const channel = posted.channel ?? dest.channel;
  if (!reply.ratable) return ts;
  try {
    await deps.store.recordAnswer({
      platform: "slack",
      workspace: dest.workspace,
      channel,
      messageId: ts,
      thread: dest.threadTs,
      query: reply.query,
      ports: reply.ports,
      asker: dest.asker,
      at: new Date(),
    });
  } catch (error) {
    // Without a record, votes on this answer could not count: do not invite them.
    deps.logger.error(
      { ...errorSummary(error), channel, ts },
      "slack: recording the answer failed; not seeding ratings",
    );
    return ts;
  }
  await seedReactions(client, deps, channel, ts);
  return ts;
}

async function seedReactions(
  client: webApi.WebClient,
  deps: SlackDeps,
  channel: string,
  ts: string,
): Promise<void> {
  for (const name of deps.seedReactions) {
    try {
      await withRateLimitRetry(
        () => client.reactions.add({ channel, timestamp: ts, name }),
        deps.retry,
      );
    } catch (error) {
      if (platformErrorOf(error) === "already_reacted") continue;
      deps.logger.warn({ ...errorSummary(error), channel, ts, name }, "slack: seeding failed");
      return;
    }
  }
}

/** Sends replies only the asker sees through response_url (slash commands, shortcuts). */
export async function respondPrivately(
  respond: RespondFn,
  deps: SlackDeps,
  reply: Reply,
  ...extra: Reply[]
): Promise<void> {
  const message = renderMessage(reply, ...extra);
  try {
    await respond({
      response_type: "ephemeral",
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
  } catch (error) {
    deps.logger.warn(errorSummary(error), "slack: respond() failed");
  }
}

/** An ephemeral message to one person in a channel or thread (mentions have no response_url). */
export async function postEphemeral(
  client: webApi.WebClient,
  deps: SlackDeps,
  dest: Destination,
  reply: Reply,
): Promise<void> {
  const message = renderMessage(reply);
  await withRateLimitRetry(
    () =>
      client.chat.postEphemeral({
        channel: dest.channel,
        user: dest.asker,
        ...(dest.threadTs === null ? {} : { thread_ts: dest.threadTs }),
        text: message.text,
        blocks: message.blocks,
      }),
    deps.retry,
  );
}

/**
 * Answers a list of replies in a channel or thread (mentions, the shortcut): public replies are
 * posted, private ones sent ephemerally via `sendPrivate`. On a failure, tells the asker in the
 * core's words via `sendPrivate` (with the unsent replies when the bot cannot post there) and stops.
 */
export async function deliverAll(
  client: webApi.WebClient,
  deps: SlackDeps,
  dest: Destination,
  replies: Reply[],
  sendPrivate: (reply: Reply, ...extra: Reply[]) => Promise<void>,
): Promise<void> {
  for (const [i, reply] of replies.entries()) {
    try {
      if (reply.visibility === "private") await sendPrivate(reply);
      else await postPublic(client, deps, dest, reply);
    } catch (error) {
      const code = failureCodeFor(error);
      deps.logger.warn({ ...errorSummary(error), code }, "slack: could not answer");
      const failure = deps.portbot.failure(code);
      try {
        if (code === "not-in-channel") {
          const rest = replies.slice(i);
          const [first, ...others] = rest;
          if (first !== undefined) await sendPrivate(first, ...others, failure);
        } else {
          await sendPrivate(failure);
        }
      } catch (again) {
        deps.logger.warn(errorSummary(again), "slack: could not tell the asker either");
      }
      return;
    }
  }
}

export { errorSummary };
