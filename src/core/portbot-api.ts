// What adapters call. Built once at start by loadPortbot() (src/core/portbot.ts); every method is
// synchronous, fast and never throws: bad input comes back as an error reply.
import type { Answer } from "./answer-model.ts";
import type { ListingAnswer, NoteLookup } from "./listing/answer.ts";
import type { NoteCommand } from "./notes/command.ts";
import type { TeamNote } from "./notes/model.ts";
import type { NoteOutcome } from "./notes/reply.ts";
import type { Detail } from "./reply.ts";
import type { DetailSection, Reply, ShareSource } from "./reply-model.ts";
import type { FeedbackStats } from "./stats-model.ts";
import type { Knowledge, Registry } from "./types.ts";
import type { RatingStyle } from "./wording.ts";

export interface Suggestion {
  /** Shown to the person, e.g. "5432 · postgresql · PostgreSQL Database" (max 100 chars). */
  label: string;
  /** Put into the query when chosen, e.g. "5432" (max 100 chars). */
  value: string;
}

export interface Portbot {
  readonly registry: Registry;
  readonly knowledge: Knowledge;
  /** The facts for what a person typed (`/port` argument, CLI argument, shell line). */
  answer(text: string): Answer;
  /**
   * Who should see the reply to `text`, from parsing alone (microseconds), so an adapter can
   * acknowledge before the answer is built: help, stats and invalid input are private. A name that
   * matches nothing is only known after the search: reply() then says private although this said
   * public.
   */
  visibilityOf(text: string): "public" | "private";
  /**
   * The facts put into words, compact unless `context.detail` is `full`. A stats question is answered from `context.stats`, the figures the
   * caller read from the feedback store (null or absent: the reply says they are unavailable).
   */
  reply(text: string, context?: ReplyContext): Reply;
  /** Whether `text` asks for the rating figures (so the caller reads them from the store first). */
  asksForStats(text: string): boolean;
  /**
   * For free text (a mention, a message shortcut, a context menu): one reply per port or service
   * found, capped at `max` (default 5) with a note on the last reply when capped. Empty when
   * nothing was found: send usageHint() then.
   */
  repliesForMessage(text: string, context?: ReplyContext & { max?: number }): Reply[];
  /**
   * A socket listing pasted in `text` (ss, netstat, lsof, Get-NetTCPConnection, docker ps) as one
   * table reply, or null when `text` holds none. `notes`: the team's notes for the asker's
   * workspace, which lead the "most likely" column; none by default.
   */
  listing(text: string, context?: ListingContext): Reply | null;
  /**
   * The same listing as data (every socket shown, what it most likely is, exposure), for
   * `portbot --json`; null when `text` holds none. Throws only on a bug.
   */
  listingAnswer(text: string, context?: ListingContext): ListingAnswer | null;
  /** Every port number mentioned in free text, in order, without duplicates. */
  portsIn(text: string): number[];
  /**
   * The team-note command in `text` (`note 9000 payments API`, `notes`, `note remove 9000 12`), or
   * null for an ordinary question. The caller carries it out against its store, then words the
   * outcome with noteReply().
   */
  noteCommand(text: string): NoteCommand | null;
  noteReply(query: string, outcome: NoteOutcome): Reply;
  /** Autocomplete: ports and service names for a partial query, best first. */
  suggest(partial: string, limit?: number): Suggestion[];
  /**
   * Prepares name search now (it is otherwise prepared on first use); servers call it at start. The
   * index is then read in part per question from its prebuilt layout (about 1 MB), never held whole.
   */
  warm(): void;
  /** `ratings`: how the asker rates (reacting, the default, or typing); the help says how. */
  help(ratings?: RatingStyle): Reply;
  /** Short hint for a mention or shortcut where no port or service was found. */
  usageHint(): Reply;
  stats(stats: FeedbackStats): Reply;
  /**
   * One section of a one-port answer, for the asker alone (what a button under the answer shows):
   * every check command, every known use, or the registry details. Private and not rated; an
   * impossible port gives the invalid-button failure.
   */
  detail(port: number, section: DetailSection): Reply;
  /**
   * What a "Share in channel" button posts: the reply `source` names, made public and unrated,
   * without a share button of its own. A stats query is answered from `context.stats`.
   */
  shared(source: ShareSource, context?: ReplyContext): Reply;
  /**
   * Reply for a failure outside the core; `code` picks the wording. `attached`: how many answers
   * are sent with it, privately (cannot-post only).
   */
  failure(code: FailureCode, attached?: number): Reply;
}

export interface ListingContext {
  notes?: NoteLookup;
  /** Sockets kept at most (the rest are counted); a chat answer's 50 by default. */
  max?: number;
}

export interface ReplyContext {
  stats?: FeedbackStats | null;
  /**
   * The asking team's notes (this workspace's), shown first in answers about their ports and
   * matched by words in name searches; null or absent: none.
   */
  notes?: readonly TeamNote[] | null;
  /**
   * How much to say about each port: `compact` (the default on every surface) gives the most
   * likely meaning, one sentence, the top uses and two checks; `full` gives every section.
   */
  detail?: Detail | null;
  /** How the asker rates answers on this surface (the help says how); reacting by default. */
  ratings?: RatingStyle | null;
}

/** cannot-post: the platform refused the post here (not a member, archived, no permission). */
/** invalid-button: a clicked button's id could not be read (forged, garbled, from an old version). */
export type FailureCode = "rate-limited" | "cannot-post" | "internal" | "busy" | "invalid-button";
