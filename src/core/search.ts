// Reverse lookup: a service name, alias or description word → ports, ranked best first.
// Built once over the registry and the curated uses; a query touches only the posting lists of
// its words, so a search stays well under a millisecond on the full IANA registry.
import type { SearchMatch } from "./answer-model.ts";
import type { Confidence, Knowledge, Protocol, Registry } from "./types.ts";

interface Doc {
  name: string;
  aliases: string[];
  description: string;
  first: number;
  last: number;
  protocols: Protocol[];
  confidence: Confidence;
}

// Where a word was found, best first; a document keeps its best hit per query word.
const EXACT_NAME = 10;
const NAME_PREFIX = 7;
const NAME_PART = 6;
const NAME_PART_PREFIX = 4;
const DESC_WORD = 3;
const DESC_PREFIX = 2;
const WHOLE_QUERY_NAME = 20;
const CURATED_BONUS = 1;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}+]+/u)
    .filter((w) => w.length > 0);
}

function toMatch(doc: Doc, score: number): SearchMatch {
  const { first, last, protocols, name, description, confidence } = doc;
  return { first, last, protocols, name, description, confidence, score };
}

export class PortSearch {
  private readonly docs: Doc[] = [];
  /** word → (doc index → best weight for that word) */
  private readonly postings = new Map<string, Map<number, number>>();
  /** Sorted distinct words, for prefix lookups. */
  private readonly vocabulary: string[];

  constructor(registry: Registry, knowledge: Knowledge) {
    // One document per (service, span), protocols merged: "postgresql 5432 tcp/udp".
    const byKey = new Map<string, Doc>();
    for (const r of registry.records) {
      if (r.status !== "assigned" || r.service === null) continue;
      const key = `${r.service}\u0000${r.first}\u0000${r.last}`;
      const doc = byKey.get(key);
      if (doc === undefined) {
        const created: Doc = {
          name: r.service,
          aliases: [],
          description: r.description,
          first: r.first,
          last: r.last,
          protocols: r.protocol === null ? [] : [r.protocol],
          confidence: "iana-assigned",
        };
        byKey.set(key, created);
        this.docs.push(created);
      } else if (r.protocol !== null && !doc.protocols.includes(r.protocol)) {
        doc.protocols.push(r.protocol);
      }
    }
    for (const u of knowledge.unofficial) {
      this.docs.push({
        name: u.name,
        aliases: u.aliases,
        description: u.description,
        first: u.first,
        last: u.last,
        protocols: [...u.protocols],
        confidence: u.confidence,
      });
    }
    this.docs.forEach((doc, i) => {
      for (const name of [doc.name, ...doc.aliases]) {
        const lower = name.toLowerCase();
        this.post(lower, i, EXACT_NAME);
        for (const part of words(lower)) if (part !== lower) this.post(part, i, NAME_PART);
      }
      for (const w of words(doc.description)) this.post(w, i, DESC_WORD);
    });
    this.vocabulary = [...this.postings.keys()].sort();
  }

  private post(word: string, doc: number, weight: number): void {
    let list = this.postings.get(word);
    if (list === undefined) {
      list = new Map();
      this.postings.set(word, list);
    }
    if ((list.get(doc) ?? 0) < weight) list.set(doc, weight);
  }

  /** Best weight per doc for one query word, counting words that start with it. */
  private hits(word: string, allowPrefix: boolean): Map<number, number> {
    const result = new Map<number, number>();
    const exact = this.postings.get(word);
    if (exact) for (const [doc, w] of exact) result.set(doc, w);
    if (!allowPrefix || word.length < 2) return result;
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.vocabulary[mid] ?? "") < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.vocabulary.length; i++) {
      const v = this.vocabulary[i] ?? "";
      if (!v.startsWith(word)) break;
      if (v === word) continue;
      for (const [doc, w] of this.postings.get(v) ?? []) {
        const weight =
          w === EXACT_NAME ? NAME_PREFIX : w === NAME_PART ? NAME_PART_PREFIX : DESC_PREFIX;
        if ((result.get(doc) ?? 0) < weight) result.set(doc, weight);
      }
    }
    return result;
  }

  /** Ranked matches; every query word must match (as a word or the start of one). */
  search(term: string, limit = 10): SearchMatch[] {
    const qwords = words(term).slice(0, 8);
    if (qwords.length === 0) return [];
    let scores: Map<number, number> | null = null;
    for (const w of qwords) {
      const hits = this.hits(w, true);
      if (scores === null) {
        scores = hits;
      } else {
        const next = new Map<number, number>();
        for (const [doc, s] of scores) {
          const h = hits.get(doc);
          if (h !== undefined) next.set(doc, s + h);
        }
        scores = next;
      }
      if (scores.size === 0) return [];
    }
    const whole = qwords.join(" ");
    const joined = qwords.join("-");
    const ranked: SearchMatch[] = [];
    for (const [i, base] of scores ?? []) {
      const doc = this.docs[i];
      if (doc === undefined) continue;
      const names = [doc.name, ...doc.aliases].map((n) => n.toLowerCase());
      let score = base;
      if (names.includes(whole) || names.includes(joined)) score += WHOLE_QUERY_NAME;
      if (doc.confidence !== "iana-assigned") score += CURATED_BONUS;
      ranked.push(toMatch(doc, score));
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
    // Curated first: they are the ports people ask about most.
    const ordered = [
      ...this.docs.filter((d) => d.confidence !== "iana-assigned"),
      ...this.docs.filter((d) => d.confidence === "iana-assigned"),
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
