// The feedback store every adapter records answers and ratings in.
import type { NoteTarget, TeamNote } from "../core/notes/model.ts";
import type { FeedbackStats, Rating } from "../core/stats-model.ts";

export type Platform = "slack" | "discord" | "shell";

/** An answer the bot posted and people can rate. (platform, workspace, channel, messageId) is unique. */
export interface AnswerRecord {
  platform: Platform;
  /** Slack team id, Discord guild id, "local" for the shell; "" for DMs without one. */
  workspace: string;
  channel: string;
  /** Slack message ts, Discord message id. */
  messageId: string;
  thread: string | null;
  query: string;
  ports: number[];
  asker: string;
  at: Date;
}

/** A reaction added to or removed from a message, as a platform delivered it. */
export interface ReactionEvent {
  /** Platform delivery id (Slack event_id; Discord: derived); the same id twice counts once. */
  eventId: string;
  platform: Platform;
  workspace: string;
  channel: string;
  messageId: string;
  voter: string;
  /** What the reaction means; each adapter maps its platform's emoji (src/adapters/kit/ratings.ts). */
  rating: Rating;
  action: "added" | "removed";
  /** The bot's own reactions (the seeded ones) never count. */
  fromBot: boolean;
  at: Date;
}

export type ReactionOutcome =
  | "voted"
  | "replaced"
  | "withdrawn"
  | "duplicate"
  | "unknown-answer"
  /** Not a rating emoji: decided by the adapter layer, never reaches a store. */
  | "ignored-emoji"
  | "ignored-bot"
  | "no-vote";

export interface StatsOptions {
  /** Only answers and votes at or after this time. */
  since?: Date;
  /** Rows in byPort / leastHelpful; default 10. */
  top?: number;
}

/** Whose notes: a team's are kept per platform and workspace (Slack team, Discord guild). */
export interface NoteScope {
  platform: Platform;
  workspace: string;
}

export interface NoteInput extends NoteScope, NoteTarget {
  text: string;
  /** The platform's user id of who added it. */
  author: string;
  /** How they are shown, when the platform says (a display or user name). */
  authorName: string | null;
  at: Date;
}

/** Which note to remove, by whom and when; `target`, when given, must be the note's. */
export interface NoteRemoval extends NoteScope {
  id: number;
  target: NoteTarget | null;
  by: string;
  at: Date;
}

/** A note with its history: removed notes are kept, with who removed them and when. */
export interface NoteRecord extends TeamNote {
  removedBy: string | null;
  removedAt: Date | null;
}

/** Checked by the store inside the write, so replicas sharing it enforce them together. */
export interface NoteLimits {
  /** Live notes one target (first, last, protocol) may carry. */
  perTarget: number;
  /** Changes (adds and removals) one person may make per `windowMs`. */
  changes: number;
  windowMs: number;
}

export type NoteChange =
  | { ok: true; note: TeamNote }
  | { ok: false; reason: "full" | "rate-limited" | "not-found" };

export interface FeedbackStore {
  readonly kind: "sqlite" | "postgres";
  /** Apply pending schema migrations; idempotent and safe with several replicas starting at once. */
  migrate(): Promise<void>;
  /** Durable when the promise resolves. Recording the same message twice keeps the first. */
  recordAnswer(answer: AnswerRecord): Promise<void>;
  /** Durable when the promise resolves. */
  recordReaction(event: ReactionEvent): Promise<ReactionOutcome>;
  /** Marks a platform delivery as seen; false when it was seen before (retries, redeliveries). */
  claimEvent(eventId: string, at?: Date): Promise<boolean>;
  stats(options?: StatsOptions): Promise<FeedbackStats>;
  /** Durable when the promise resolves; refused (not stored) past the limits. */
  addNote(note: NoteInput, limits: NoteLimits): Promise<NoteChange>;
  /**
   * Marks a live note removed (it stays in the history). `target`, when given, must be the note's;
   * not-found otherwise, or when the note is another scope's or already removed.
   */
  removeNote(removal: NoteRemoval, limits: NoteLimits): Promise<NoteChange>;
  /** The scope's live notes, oldest first; with `history`, removed ones too. */
  listNotes(scope: NoteScope, options?: { history?: boolean }): Promise<NoteRecord[]>;
  /** Resolves when the store answers a trivial query (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
