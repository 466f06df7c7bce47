// The adapter kit: what every adapter shares (see docs/architecture.md). An adapter parses its
// platform's request, acknowledges it, builds a PlatformPort for it and calls answer(); it maps
// reactions to ratings and calls vote(); its stop() closes the kit's in-flight work first.
import type { Portbot } from "../../core/portbot-api.ts";
import type { FeedbackStore, ReactionOutcome } from "../../feedback/types.ts";
import type { Logger } from "../../logger.ts";
import { type Ask, repliesFor } from "./flow.ts";
import { InFlight } from "./in-flight.ts";
import type { Place, PlatformPort } from "./platform-port.ts";
import { type PublishReport, publish } from "./publish.ts";
import { type ReactionInput, recordVote } from "./votes.ts";

/** What main.ts (or a shard, or a worker) hands every adapter. */
export interface AdapterContext {
  readonly portbot: Portbot;
  readonly store: FeedbackStore;
  readonly logger: Logger;
}

export interface RunningAdapter {
  readonly name: string;
  stop(): Promise<void>;
}

export interface Kit {
  readonly work: InFlight;
  /**
   * Answers one request now and resolves when it is done: the replies for what was asked,
   * published through `port`. Never throws: an unexpected error is logged and the asker told.
   */
  answer(ask: Ask, port: PlatformPort, place: Place): Promise<PublishReport | null>;
  /**
   * As answer(), but tracked as work in flight and not awaited (the adapter acknowledges first).
   * False when the adapter is stopping and takes no new work.
   */
  answerLater(ask: Ask, port: PlatformPort, place: Place): boolean;
  vote(reaction: ReactionInput): Promise<ReactionOutcome>;
}

export function createKit(ctx: AdapterContext): Kit {
  const work = new InFlight();
  const { portbot, logger } = ctx;

  async function answer(ask: Ask, port: PlatformPort, place: Place) {
    try {
      const replies = await repliesFor(ask, ctx, port.capabilities.ratings);
      return await publish(replies, port, place, ask.text, ctx);
    } catch (error) {
      logger.error({ err: error, platform: place.platform }, "answering failed");
      if (port.capabilities.privateReplies) {
        await port
          .sendPrivate([portbot.failure("internal")])
          .catch((again: unknown) => logger.warn({ err: again }, "could not tell the asker"));
      }
      return null;
    }
  }

  return {
    work,
    answer,
    answerLater(ask, port, place) {
      const started = work.run(
        async () => {
          await answer(ask, port, place);
        },
        (error) => logger.error({ err: error }, "answering failed"),
      );
      return started !== null;
    },
    vote: (reaction) => recordVote(ctx.store, reaction),
  };
}

export type { Ask } from "./flow.ts";
export { recordedQuery } from "./flow.ts";
export type {
  Capabilities,
  Place,
  PlatformFailure,
  PlatformPort,
  Posted,
} from "./platform-port.ts";
export type { PublishReport } from "./publish.ts";
export type { ReactionInput } from "./votes.ts";
