// The prebuilt index's words (search-prebuilt.ts), searchable without splitting them out: one
// string of the words grouped by length and sorted within a length, so word k of a length L sits
// at a computed offset. A query then binary-searches each length for the words it starts and scans
// only the lengths within its edits for near misses, instead of visiting all ~9,000 words of a
// cold start's vocabulary.

/** Words of one length: their length, the index of the first, its offset in the text, how many. */
export type Bucket = [length: number, first: number, offset: number, count: number];

export interface VocabularyLayout {
  /** The words in index order, each followed by "\n". */
  text: string;
  buckets: Bucket[];
}

/** Index order: by length, then by UTF-16 code units (so a prefix's words are contiguous). */
export function byLengthThenText(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The layout of `words`, which must already be in index order (byLengthThenText). */
export function layoutVocabulary(words: readonly string[]): VocabularyLayout {
  const buckets: Bucket[] = [];
  let offset = 0;
  words.forEach((word, i) => {
    const last = buckets.at(-1);
    if (i > 0 && byLengthThenText(words[i - 1] as string, word) >= 0) {
      throw new Error(`search vocabulary: “${word}” is out of order or repeated`);
    }
    if (last?.[0] === word.length) last[3] += 1;
    else buckets.push([word.length, i, offset, 1]);
    offset += word.length + 1;
  });
  return { text: words.map((w) => `${w}\n`).join(""), buckets };
}

/**
 * Whether text[i..iEnd) and word[j..] are at most `edits` insertions, deletions or replacements
 * apart (Levenshtein). Equal leading characters are always matched; at the first difference one
 * of the three edits is spent. No allocation: it runs over every word of the lengths in reach.
 */
function withinEdits(
  text: string,
  i: number,
  iEnd: number,
  word: string,
  j: number,
  edits: number,
): boolean {
  while (i < iEnd && j < word.length && text.charCodeAt(i) === word.charCodeAt(j)) {
    i++;
    j++;
  }
  const restText = iEnd - i;
  const restWord = word.length - j;
  if (restText === 0 || restWord === 0) return Math.max(restText, restWord) <= edits;
  if (edits === 0 || Math.abs(restText - restWord) > edits) return false;
  return (
    withinEdits(text, i + 1, iEnd, word, j + 1, edits - 1) ||
    withinEdits(text, i + 1, iEnd, word, j, edits - 1) ||
    withinEdits(text, i, iEnd, word, j + 1, edits - 1)
  );
}

export class Vocabulary {
  readonly size: number;
  private readonly text: string;
  private readonly buckets: readonly Bucket[];

  constructor(layout: VocabularyLayout) {
    this.text = layout.text;
    this.buckets = layout.buckets;
    const last = layout.buckets.at(-1);
    this.size = last === undefined ? 0 : last[1] + last[3];
    if (last !== undefined && last[2] + last[3] * (last[0] + 1) !== layout.text.length) {
      throw new Error("search vocabulary: the buckets do not fit the text");
    }
  }

  /** Word `index` (in index order). */
  word(index: number): string {
    const bucket = this.buckets.findLast((b) => b[1] <= index);
    if (bucket === undefined || index >= bucket[1] + bucket[3]) return "";
    const at = bucket[2] + (index - bucket[1]) * (bucket[0] + 1);
    return this.text.slice(at, at + bucket[0]);
  }

  /**
   * Every word a query word can match: itself, the words it starts (when `prefix`), and those at
   * most `edits` edits away; as indices, ascending by length.
   */
  candidates(word: string, prefix: boolean, edits: number): number[] {
    const out = new Set<number>();
    for (const [length, first, offset, count] of this.buckets) {
      const at = (k: number) => offset + k * (length + 1);
      if (prefix ? length >= word.length : length === word.length) {
        // The first word ≥ `word`; from there, the words that start with it.
        let lo = 0;
        let hi = count;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (this.text.slice(at(mid), at(mid) + length) < word) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < count && this.text.startsWith(word, at(k)); k++) out.add(first + k);
      }
      if (edits > 0 && Math.abs(length - word.length) <= edits) {
        for (let k = 0; k < count; k++) {
          if (withinEdits(this.text, at(k), at(k) + length, word, 0, edits)) out.add(first + k);
        }
      }
    }
    return [...out];
  }
}
