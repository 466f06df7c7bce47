// The conversation flow: what a person typed, on a surface, becomes the replies to send. Every
// adapter goes through here, so the usage hint, the cap on free-text answers, the stats figures
// and the recorded query follow one rule everywhere.
import { teamNoteLookup } from "../../core/listing/answer.ts";
import type { Portbot } from "../../core/portbot-api.ts";
import type { Detail } from "../../core/reply.ts";
import type { Reply } from "../../core/reply-model.ts";
import type { FeedbackStats } from "../../core/stats-model.ts";
import type { RatingStyle } from "../../core/wording.ts";
import type { FeedbackStore } from "../../feedback/types.ts";
import { MAX_QUERY_CHARS } from "../../feedback/validate.ts";
import type { Logger } from "../../logger.ts";
import { noteCommandReply, notesOf } from "./notes.ts";
import type { Place, PlatformPort } from "./platform-port.ts";

/**
 * What a person asked, as plain text (the adapter has already removed its platform's markup).
 * `command`: a command argument (`/port 5432`), answered with exactly one reply.
 * `message`: free text (a mention, a message shortcut, a DM): one reply per port found, capped,
 * or the usage hint when there is nothing to answer.
 */
export interface Ask {
  readonly surface: "command" | "message";
  readonly text: string;
  /** The platform's id for this request (logged on every line); one is made up when absent. */
  readonly id?: string;
  /** How much to say: compact (the default everywhere) or full (the terminal's `… full`). */
  readonly detail?: Detail;
}

export interface FlowDeps {
  readonly portbot: Portbot;
  readonly store: FeedbackStore;
  readonly logger: Logger;
  /** Who may change team notes (NOTES_EDITORS); empty or absent: anyone. */
  readonly notesEditors?: readonly string[];
}

/** Who asked, where: the team whose notes apply, and how to check the asker's groups. */
export interface Asker {
  readonly place: Place;
  readonly port: Pick<PlatformPort, "memberOf" | "nameOf">;
}

/**
 * The one rule for the query recorded with an answer: the question as the person asked it (the
 * text the core was given), whitespace folded, cut at the store's limit on a character boundary.
 */
export function recordedQuery(text: string): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  const chars = [...flat];
  return chars.length > MAX_QUERY_CHARS ? chars.slice(0, MAX_QUERY_CHARS).join("") : flat;
}

/** The figures for a stats question, or null when the store cannot give them now. */
export async function statsFor(
  ask: Pick<Ask, "text">,
  deps: FlowDeps,
): Promise<FeedbackStats | null> {
  if (!deps.portbot.asksForStats(ask.text)) return null;
  try {
    return await deps.store.stats();
  } catch (error) {
    deps.logger.error({ err: error }, "reading the rating figures failed");
    return null;
  }
}

/**
 * `ratings`: how the asker rates on this surface (the help says how). `asker`: where the question
 * came from, for the team's notes; without it, answers carry no notes and note commands are not
 * taken (a note needs a team to belong to). A pasted socket listing is answered as one table on
 * every surface, its "most likely" column led by those notes.
 */
export async function repliesFor(
  ask: Ask,
  deps: FlowDeps,
  ratings: RatingStyle | null = null,
  asker: Asker | null = null,
): Promise<Reply[]> {
  const command = asker === null ? null : deps.portbot.noteCommand(ask.text);
  if (command !== null && asker !== null) {
    return [await noteCommandReply(command, ask.text, asker.place, asker.port, deps)];
  }
  const notes = asker === null ? [] : await notesOf(asker.place, deps);
  const listing = deps.portbot.listing(ask.text, { notes: teamNoteLookup(notes) });
  if (listing !== null) return [listing];
  const stats = await statsFor(ask, deps);
  const context = { stats, ratings, notes, detail: ask.detail ?? "compact" } as const;
  if (ask.surface === "command") return [deps.portbot.reply(ask.text, context)];
  const found = deps.portbot.repliesForMessage(ask.text, context);
  return found.length > 0 ? found : [deps.portbot.usageHint()];
}
