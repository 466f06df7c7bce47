// Reverse lookup: a service name, alias or description word → ports, ranked best first.
// MiniSearch does the matching and the text score: every query word must match a word, the start
// of one, or (from five letters on) a name word one edit away, so `postgress`, `rediss` and
// `mongdb` find their ports. The ranking on top prefers what a person most likely means: a whole name, a
// service people ask about often (search-terms.ts), a curated entry, one port over a wide range.
// The index is built on first use, or read from a prebuilt file (search-prebuilt.ts) so that a
// cold `portbot postgres` does not pay for building it. MiniSearch itself is loaded on first use:
// a numeric answer never needs it.
import type MiniSearch from "minisearch";
import type { Options, Query } from "minisearch";
import type { SearchMatch } from "./answer-model.ts";
import { commonService } from "./search-terms.ts";
import type { Confidence, IanaRecord, Knowledge, Protocol, Registry } from "./types.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { createRequire } = process.getBuiltinModule("node:module");

/** One searchable entry: an IANA service on a port or span (protocols merged), or a curated use. */
export interface SearchDoc {
  name: string;
  /** Other names: a curated use's aliases, IANA's other names for the same row, what people call it. */
  aliases: string[];
  description: string;
  first: number;
  last: number;
  protocols: Protocol[];
  confidence: Confidence;
  /** One of the services people ask about most (search-terms.ts). */
  common: boolean;
}

/** What MiniSearch indexes per document; `id` is the document's place in the document list. */
export interface Indexed {
  id: number;
  names: string;
  description: string;
}

export type Index = MiniSearch<Indexed>;

/**
 * Where the documents and the index come from: built in memory, or a prebuilt file that loads only
 * the part of the index a query needs (search-prebuilt.ts).
 */
export interface SearchSource {
  doc(id: number): SearchDoc | undefined;
  all(): readonly SearchDoc[];
  /** An index that matches `words` exactly as the whole index would. */
  indexFor(words: readonly string[]): Index;
  /** Loads everything now (servers, at start). */
  warm(): void;
}

const MAX_QUERY_WORDS = 8;
// Multipliers on MiniSearch's score (BM25, name words weighted over description words).
const WHOLE_NAME = 3;
const COMMON = 2.5;
const CURATED = 1.5;
/** A span of many ports says less about any one of them than a single port does. */
const RANGE = 0.7;

/**
 * Lower-cased words; `+` stays (c++), `-` `.` `_` split (ms-wbt-server → ms, wbt, server). ASCII
 * text, nearly every query, takes a plain split: compiling the Unicode classes costs a cold start
 * about a millisecond.
 */
export function searchWords(text: string): string[] {
  const lower = text.toLowerCase();
  const words = /^[\t\n\r -~]*$/.test(lower)
    ? lower.split(/[^a-z0-9+]+/)
    : lower.normalize("NFKC").split(/[^\p{L}\p{N}+]+/u);
  return words.filter((w) => w.length > 0);
}

/** Edits allowed between a query word and an indexed one: none under five letters. */
export function fuzzyDistance(word: string): number {
  return word.length >= 10 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Whether a query word also matches the words it starts (`postg` → postgresql). */
export function matchesPrefixes(word: string): boolean {
  return word.length >= 2;
}

export const MINISEARCH_OPTIONS: Options<Indexed> = {
  fields: ["names", "description"],
  storeFields: [],
  tokenize: searchWords,
  processTerm: (term) => term,
  searchOptions: {
    combineWith: "AND",
    boost: { names: 4 },
    prefix: matchesPrefixes,
    fuzzy: (term) => fuzzyDistance(term) || false,
    maxFuzzy: 2,
  },
};

const require = createRequire(import.meta.url);
let miniSearchClass: typeof MiniSearch | null = null;

/** MiniSearch, loaded on first use (its CommonJS build: synchronous, and skipped by numeric answers). */
export function miniSearch(): typeof MiniSearch {
  miniSearchClass ??= require("minisearch") as typeof MiniSearch;
  return miniSearchClass;
}

/** Adds an IANA row to its document: same service and span, or same span and description. */
function addRecord(docs: SearchDoc[], keys: Map<string, SearchDoc>, r: IanaRecord): void {
  if (r.status !== "assigned" || r.service === null) return;
  // "postgresql 5432 tcp/udp" is one document; so is 80 http (also www, www-http).
  const byService = `${r.service}\u0000${r.first}\u0000${r.last}`;
  const byMeaning = `\u0001${r.description}\u0000${r.first}\u0000${r.last}`;
  const doc = keys.get(byService) ?? (r.description === "" ? undefined : keys.get(byMeaning));
  if (doc === undefined) {
    const common = commonService(r.service, r.first);
    const created: SearchDoc = {
      name: r.service,
      aliases: [...(common ?? [])],
      description: r.description,
      first: r.first,
      last: r.last,
      protocols: r.protocol === null ? [] : [r.protocol],
      confidence: "iana-assigned",
      common: common !== undefined,
    };
    keys.set(byService, created);
    if (r.description !== "") keys.set(byMeaning, created);
    docs.push(created);
    return;
  }
  keys.set(byService, doc);
  if (r.protocol !== null && !doc.protocols.includes(r.protocol)) doc.protocols.push(r.protocol);
  if (r.service !== doc.name && !doc.aliases.includes(r.service)) doc.aliases.push(r.service);
}

/** The documents for a registry and the curated uses, in a stable order (the prebuilt file's). */
export function searchDocs(registry: Registry, knowledge: Knowledge): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const keys = new Map<string, SearchDoc>();
  for (const r of registry.records) addRecord(docs, keys, r);
  for (const u of knowledge.unofficial) {
    docs.push({
      name: u.name,
      aliases: [...u.aliases],
      description: u.description,
      first: u.first,
      last: u.last,
      protocols: [...u.protocols],
      confidence: u.confidence,
      common: false,
    });
  }
  return docs;
}

/** The whole index over `docs`, built now. */
export function buildIndex(docs: readonly SearchDoc[]): Index {
  const MiniSearchClass = miniSearch();
  const index = new MiniSearchClass(MINISEARCH_OPTIONS);
  index.addAll(
    docs.map((doc, id) => ({
      id,
      names: [doc.name, ...doc.aliases].join(" "),
      description: doc.description,
    })),
  );
  return index;
}

function memorySource(docs: readonly SearchDoc[]): SearchSource {
  let index: Index | null = null;
  const whole = () => {
    index ??= buildIndex(docs);
    return index;
  };
  return {
    doc: (id) => docs[id],
    all: () => docs,
    indexFor: whole,
    warm: () => void whole(),
  };
}

function toMatch(doc: SearchDoc, score: number): SearchMatch {
  const { first, last, protocols, name, description, confidence } = doc;
  return { first, last, protocols, name, description, confidence, score };
}

/**
 * Every word must match; a name may be mistyped (fuzzy), a description word may not: in prose,
 * near misses find nonsense (`lunch` is one edit from the `launch` of a description).
 */
function wordsQuery(words: readonly string[]): Query {
  return {
    combineWith: "AND",
    queries: words.map((word) => ({
      combineWith: "OR",
      queries: [
        { queries: [word], fields: ["names"] },
        { queries: [word], fields: ["description"], fuzzy: false },
      ],
    })),
  };
}

/** How much more likely a person means this document than its text match alone says. */
function likelihood(doc: SearchDoc, whole: string, joined: string): number {
  let factor = 1;
  const names = [doc.name, ...doc.aliases].map((n) => n.toLowerCase());
  if (names.includes(whole) || names.includes(joined)) factor *= WHOLE_NAME;
  if (doc.common) factor *= COMMON;
  if (doc.confidence !== "iana-assigned") factor *= CURATED;
  if (doc.last > doc.first) factor *= RANGE;
  return factor;
}

export class PortSearch {
  private readonly source: SearchSource;

  /** Over a registry and the curated uses (index built on first search), or over a prebuilt source. */
  constructor(registry: Registry, knowledge: Knowledge);
  constructor(source: SearchSource);
  constructor(from: Registry | SearchSource, knowledge?: Knowledge) {
    this.source =
      knowledge === undefined
        ? (from as SearchSource)
        : memorySource(searchDocs(from as Registry, knowledge));
  }

  /** Builds or loads the whole index now instead of on first use. */
  warm(): void {
    this.source.warm();
  }

  /** Ranked matches; every query word must match (as a word, the start of one, or nearly). */
  search(term: string, limit = 10): SearchMatch[] {
    const words = searchWords(term).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return [];
    const whole = words.join(" ");
    const joined = words.join("-");
    const ranked: SearchMatch[] = [];
    for (const hit of this.source.indexFor(words).search(wordsQuery(words))) {
      const doc = this.source.doc(hit.id as number);
      if (doc === undefined) continue;
      ranked.push(toMatch(doc, hit.score * likelihood(doc, whole, joined)));
    }
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        a.last - a.first - (b.last - b.first) ||
        a.first - b.first ||
        a.name.localeCompare(b.name),
    );
    return ranked.slice(0, limit);
  }

  /** Curated and IANA entries whose first port starts with the typed digits (autocomplete). */
  byPortPrefix(digits: string, limit: number): SearchMatch[] {
    const out: SearchMatch[] = [];
    const seen = new Set<string>();
    const docs = this.source.all();
    // Curated first: they are the ports people ask about most.
    const ordered = [
      ...docs.filter((d) => d.confidence !== "iana-assigned"),
      ...docs.filter((d) => d.confidence === "iana-assigned"),
    ];
    for (const doc of ordered) {
      if (!String(doc.first).startsWith(digits)) continue;
      const key = `${doc.first}\u0000${doc.name.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(toMatch(doc, 0));
      if (out.length >= limit * 4) break;
    }
    // Exact port first, then shorter numbers (closer to what was typed), then numeric order.
    out.sort(
      (a, b) =>
        Number(String(b.first) === digits) - Number(String(a.first) === digits) ||
        String(a.first).length - String(b.first).length ||
        a.first - b.first,
    );
    return out.slice(0, limit);
  }
}
