// The publish and failure policy, decided once for every adapter: a public reply is posted, then
// recorded, then seeded with the rating reactions; a private one goes to the asker alone where the
// platform can. When posting fails, the asker is told why, privately, and gets the unsent answers
// with the failure only when they are really attached.
import type { FailureCode, Portbot } from "../../core/portbot-api.ts";
import type { Reply } from "../../core/reply-model.ts";
import { RATINGS } from "../../core/stats-model.ts";
import { ratingPrompt } from "../../core/wording.ts";
import type { FeedbackStore } from "../../feedback/types.ts";
import type { Logger } from "../../logger.ts";
import { recordedQuery } from "./flow.ts";
import type { Place, PlatformPort, Posted } from "./platform-port.ts";

export interface PublishDeps {
  readonly portbot: Portbot;
  readonly store: FeedbackStore;
  readonly logger: Logger;
}

/** What happened, for logs, metrics and tests. */
export interface PublishReport {
  /** Public answers posted. */
  posted: number;
  /** Of those, recorded (rateable) in the store. */
  recorded: number;
  /** Replies the asker received privately (failures included). */
  sentPrivately: number;
  /** Why publishing stopped early, or null. */
  failure: FailureCode | null;
}

/** The reply as this port can show it: its rating prompt, and buttons only where there are any. */
function forPort(reply: Reply, port: PlatformPort): Reply {
  const style = port.capabilities.ratings;
  const prompt = reply.ratable && style !== null ? ratingPrompt(style) : null;
  const adapted = prompt === reply.ratingPrompt ? reply : { ...reply, ratingPrompt: prompt };
  if (port.capabilities.buttons) return adapted;
  return { ...adapted, share: null, cards: adapted.cards.map((c) => ({ ...c, more: [] })) };
}

async function recordAndSeed(
  reply: Reply,
  posted: Posted,
  port: PlatformPort,
  place: Place,
  query: string,
  deps: PublishDeps,
): Promise<boolean> {
  try {
    await deps.store.recordAnswer({
      platform: place.platform,
      workspace: place.workspace,
      channel: posted.channel,
      messageId: posted.messageId,
      thread: place.thread,
      query: recordedQuery(query),
      ports: reply.ports,
      asker: place.asker,
      at: new Date(),
    });
  } catch (error) {
    // The answer is out; without a record, votes on it could not count, so none are invited.
    deps.logger.error({ err: error, messageId: posted.messageId }, "recording the answer failed");
    return false;
  }
  if (port.capabilities.ratings !== "react") return true;
  // One at a time, in order: platforms show reactions in the order they were added.
  for (const rating of RATINGS) {
    try {
      await port.react(posted, rating);
    } catch (error) {
      deps.logger.warn({ err: error, messageId: posted.messageId }, "seeding ratings failed");
      break;
    }
  }
  return true;
}

/** Sends privately where the platform can; otherwise (or when that is refused) publicly. */
async function sendToAsker(
  replies: Reply[],
  port: PlatformPort,
  report: PublishReport,
  deps: PublishDeps,
): Promise<void> {
  if (port.capabilities.privateReplies) {
    try {
      await port.sendPrivate(replies);
      report.sentPrivately += replies.length;
      return;
    } catch (error) {
      if (port.classify(error) !== "cannot-post") throw error;
      deps.logger.warn({ err: error }, "could not reach the asker privately; answering publicly");
    }
  }
  for (const reply of replies) {
    await port.postPublic({ ...reply, ratable: false, ratingPrompt: null });
  }
}

/** After a failed public post: tells the asker, attaching what is left when it cannot post here. */
async function reportFailure(
  code: FailureCode,
  rest: Reply[],
  port: PlatformPort,
  report: PublishReport,
  deps: PublishDeps,
): Promise<void> {
  report.failure = code;
  if (!port.capabilities.privateReplies) {
    deps.logger.warn(
      { code },
      "could not answer, and this platform cannot tell the asker privately",
    );
    return;
  }
  const unrated = rest.map((r) => ({ ...r, ratable: false, ratingPrompt: null }));
  const attached = code === "cannot-post" ? unrated : [];
  try {
    await port.sendPrivate([...attached, deps.portbot.failure(code, attached.length)]);
    report.sentPrivately += attached.length + 1;
  } catch (error) {
    deps.logger.warn({ err: error, code }, "could not tell the asker about the failure either");
  }
}

/** Publishes `replies` for the question `query`, asked at `place`, through `port`. */
export async function publish(
  replies: readonly Reply[],
  port: PlatformPort,
  place: Place,
  query: string,
  deps: PublishDeps,
): Promise<PublishReport> {
  const report: PublishReport = { posted: 0, recorded: 0, sentPrivately: 0, failure: null };
  for (const [i, raw] of replies.entries()) {
    const reply = forPort(raw, port);
    if (reply.visibility === "private") {
      await sendToAsker([reply], port, report, deps);
      continue;
    }
    let posted: Posted;
    try {
      posted = await port.postPublic(reply);
    } catch (error) {
      const kind = port.classify(error);
      const code: FailureCode = kind === "other" ? "internal" : kind;
      deps.logger.warn({ err: error, code }, "could not post the answer");
      await reportFailure(code, replies.slice(i) as Reply[], port, report, deps);
      return report;
    }
    report.posted += 1;
    if (reply.ratable && (await recordAndSeed(reply, posted, port, place, query, deps))) {
      report.recorded += 1;
    }
  }
  return report;
}
