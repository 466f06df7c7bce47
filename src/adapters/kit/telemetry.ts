// What the kit reports for metrics, without knowing how they are kept (src/ops/metrics.ts keeps
// them for Prometheus). Adapters and the kit call these; none of them may throw.
import type { AnswerKind } from "../../core/answer-model.ts";
import type { FailureCode } from "../../core/portbot-api.ts";
import type { Rating } from "../../core/stats-model.ts";
import type { Platform, ReactionOutcome } from "../../feedback/types.ts";

export interface Telemetry {
  /** A reply delivered (public or private). */
  answered(platform: Platform, kind: AnswerKind): void;
  /** A reaction handled, with what became of it. */
  voted(platform: Platform, rating: Rating | null, outcome: ReactionOutcome | "not-stored"): void;
  /** A button clicked (a section of an answer asked for). */
  clicked(platform: Platform, section: string): void;
  /** Time from taking a request on to finishing it. */
  handled(platform: Platform, surface: string, seconds: number): void;
  /** Something went wrong that someone should see on a dashboard. */
  failed(kind: FailureCode | "vote-not-stored" | "malformed-event" | "uncaught" | "busy"): void;
  /** Reports, on each scrape, how much work an adapter holds. */
  watchQueue(adapter: string, depth: () => number): void;
}

export const NO_TELEMETRY: Telemetry = {
  answered() {},
  voted() {},
  clicked() {},
  handled() {},
  failed() {},
  watchQueue() {},
};
