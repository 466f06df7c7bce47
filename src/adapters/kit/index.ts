// The adapter kit: what every adapter shares (see docs/architecture.md). An adapter parses its
// platform's request, acknowledges it, builds a PlatformPort for it and calls answer(); it maps
// reactions to ratings and calls vote(); its stop() closes the kit's in-flight work first.
import { randomUUID } from "node:crypto";
import type { Portbot } from "../../core/portbot-api.ts";
import type { FeedbackStore, ReactionOutcome } from "../../feedback/types.ts";
import type { Logger } from "../../logger.ts";
import { type Ask, repliesFor } from "./flow.ts";
import { InFlight } from "./in-flight.ts";
import type { Place, PlatformPort } from "./platform-port.ts";
import { type PublishReport, publish } from "./publish.ts";
import { NO_TELEMETRY, type Telemetry } from "./telemetry.ts";
import { type ReactionInput, recordVote } from "./votes.ts";

/** What main.ts (or a shard, or a worker) hands every adapter. */
export interface AdapterContext {
  readonly portbot: Portbot;
  readonly store: FeedbackStore;
  readonly logger: Logger;
  /** Metrics; none kept when absent. */
  readonly telemetry?: Telemetry;
  /** Who may change team notes (NOTES_EDITORS); empty or absent: anyone. */
  readonly notesEditors?: readonly string[];
}

export interface RunningAdapter {
  readonly name: string;
  /** Connected to its platform and taking requests (for /readyz). */
  ready(): boolean;
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
  /** Tells the asker, privately, that the bot is too busy to take the request (queues are bounded). */
  refuseBusy(port: PlatformPort): Promise<void>;
}

export interface KitOptions {
  /** Work in flight past which new requests are refused as busy rather than queued. */
  maxInFlight?: number;
}

/** Enough for a team's burst; past it, memory would grow with every queued answer. */
export const DEFAULT_MAX_IN_FLIGHT = 200;

export function createKit(ctx: AdapterContext, name = "adapter", options: KitOptions = {}): Kit {
  const work = new InFlight();
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const { portbot, logger } = ctx;
  const telemetry = ctx.telemetry ?? NO_TELEMETRY;
  telemetry.watchQueue(name, () => work.size);

  async function refuseBusy(port: PlatformPort) {
    telemetry.failed("busy");
    if (!port.capabilities.privateReplies) return;
    await port
      .sendPrivate([portbot.failure("busy")])
      .catch((error: unknown) =>
        logger.warn({ err: error }, "could not tell the asker we are busy"),
      );
  }

  async function answer(ask: Ask, port: PlatformPort, place: Place) {
    // The request itself is one of the work items when it runs tracked (work.run).
    if (work.size > maxInFlight) {
      await refuseBusy(port);
      return null;
    }
    const started = performance.now();
    // Every line logged while answering carries the interaction's id.
    const log = logger.child({ interaction: ask.id ?? randomUUID(), platform: place.platform });
    const deps = { ...ctx, logger: log };
    try {
      const replies = await repliesFor(ask, deps, port.capabilities.ratings, { place, port });
      const report = await publish(replies, port, place, ask.text, deps);
      const delivered = report.failure === null ? replies : [];
      for (const r of delivered) telemetry.answered(place.platform, r.kind);
      if (report.failure !== null) telemetry.failed(report.failure);
      return report;
    } catch (error) {
      telemetry.failed("internal");
      log.error({ err: error }, "answering failed");
      if (port.capabilities.privateReplies) {
        await port
          .sendPrivate([portbot.failure("internal")])
          .catch((again: unknown) => log.warn({ err: again }, "could not tell the asker"));
      }
      return null;
    } finally {
      telemetry.handled(place.platform, ask.surface, (performance.now() - started) / 1000);
    }
  }

  return {
    work,
    answer,
    refuseBusy,
    answerLater(ask, port, place) {
      const started = work.run(
        async () => {
          await answer(ask, port, place);
        },
        (error) => logger.error({ err: error }, "answering failed"),
      );
      return started !== null;
    },
    async vote(reaction) {
      try {
        const outcome = await recordVote(ctx.store, reaction);
        telemetry.voted(reaction.platform, reaction.rating, outcome);
        return outcome;
      } catch (error) {
        telemetry.voted(reaction.platform, reaction.rating, "not-stored");
        telemetry.failed("vote-not-stored");
        throw error;
      }
    },
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
export { NO_TELEMETRY, type Telemetry } from "./telemetry.ts";
export type { ReactionInput } from "./votes.ts";
