// The platform port: the small interface each adapter implements for one request, so the kit's
// flow and policies (flow.ts, publish.ts) can answer on any platform. "Port" in the hexagonal
// sense: where the kit plugs into a platform. See docs/architecture.md.
import type { Reply } from "../../core/reply-model.ts";
import type { Rating } from "../../core/stats-model.ts";
import type { RatingStyle } from "../../core/wording.ts";
import type { Platform } from "../../feedback/types.ts";

export interface Capabilities {
  /** The platform can show a reply to the asker alone (ephemeral message, DM, a terminal). */
  readonly privateReplies: boolean;
  /** How people rate a public answer here, or null when this request's answers are not rated. */
  readonly ratings: RatingStyle | null;
  /**
   * The platform shows buttons on a message and delivers their clicks (Slack, Discord): answers
   * then carry the rest one click away and private replies a Share button. A terminal has none.
   */
  readonly buttons: boolean;
}

/** Where a request came from: what an answer is recorded under. */
export interface Place {
  readonly platform: Platform;
  /** Slack team, Discord guild, "local" for the shell; "" for a DM without one. */
  readonly workspace: string;
  readonly channel: string;
  /** The thread answers go into, or null. */
  readonly thread: string | null;
  readonly asker: string;
  /** How the asker is shown (team notes name their author), when the platform says. */
  readonly askerName?: string;
}

/** A message the platform accepted. */
export interface Posted {
  readonly channel: string;
  readonly messageId: string;
}

/** How the kit reads a platform's error; `other` is anything it cannot act on. */
export type PlatformFailure = "cannot-post" | "rate-limited" | "other";

export interface PlatformPort {
  readonly capabilities: Capabilities;
  /** Posts one reply where the request was made (channel, thread); returns the posted message. */
  postPublic(reply: Reply): Promise<Posted>;
  /** Sends replies to the asker alone, together; only called when privateReplies is true. */
  sendPrivate(replies: readonly Reply[]): Promise<void>;
  /** Adds the bot's own reaction for `rating` to a posted answer. */
  react(posted: Posted, rating: Rating): Promise<void>;
  classify(error: unknown): PlatformFailure;
  /**
   * Whether the asker belongs to any of these groups (Slack user groups, Discord roles), for
   * NOTES_EDITORS. Absent: the platform has none, and only ids naming the asker count.
   */
  memberOf?(ids: readonly string[]): Promise<boolean>;
  /**
   * How the asker is shown, when the request did not say (Slack mentions and DMs carry only a
   * user id): a team note names its author. Null when it cannot be found out.
   */
  nameOf?(): Promise<string | null>;
}
