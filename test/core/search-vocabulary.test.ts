// The prebuilt index's word list: candidates are exactly the words a query word equals, starts, or
// is within its edits of, as a plain Levenshtein over every word says.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  byLengthThenText,
  layoutVocabulary,
  Vocabulary,
} from "../../src/core/search-vocabulary.ts";

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function expected(words: string[], word: string, prefix: boolean, edits: number): string[] {
  return words
    .filter((w) => w === word || (prefix && w.startsWith(word)) || levenshtein(w, word) <= edits)
    .sort(byLengthThenText);
}

const sorted = (words: string[]) => [...new Set(words)].sort(byLengthThenText);

test("finds a word, the words it starts and its near misses", () => {
  const words = sorted(["pg", "postgres", "postgresql", "postgre", "redis", "rediss", "x11", "x"]);
  const v = new Vocabulary(layoutVocabulary(words));
  const found = (w: string, prefix: boolean, edits: number) =>
    v
      .candidates(w, prefix, edits)
      .map((i) => v.word(i))
      .sort(byLengthThenText);
  assert.deepEqual(found("postgres", false, 0), ["postgres"]);
  assert.deepEqual(found("postgres", true, 0), ["postgres", "postgresql"]);
  assert.deepEqual(found("postgress", false, 1), ["postgres"]);
  assert.deepEqual(found("x", true, 0), ["x", "x11"]);
  assert.deepEqual(found("redi", true, 0), ["redis", "rediss"]);
  assert.deepEqual(found("nothing", true, 1), []);
  assert.equal(v.size, words.length);
  assert.deepEqual(
    words.map((_, i) => v.word(i)),
    words,
  );
});

test("matches a plain Levenshtein over every word", () => {
  const alphabet = fc.constantFrom(..."abcde+é");
  const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(
      fc.array(word, { minLength: 1, maxLength: 60 }),
      word,
      fc.boolean(),
      fc.integer({ min: 0, max: 2 }),
      (list, query, prefix, edits) => {
        const words = sorted(list);
        const v = new Vocabulary(layoutVocabulary(words));
        const got = v
          .candidates(query, prefix, edits)
          .map((i) => v.word(i))
          .sort(byLengthThenText);
        assert.deepEqual(got, expected(words, query, prefix, edits));
      },
    ),
    { numRuns: 500 },
  );
});

test("refuses words out of order and a layout that does not fit its text", () => {
  assert.throws(() => layoutVocabulary(["b", "a"]), /out of order/);
  assert.throws(() => layoutVocabulary(["a", "a"]), /out of order/);
  const layout = layoutVocabulary(["a", "bc"]);
  assert.throws(() => new Vocabulary({ ...layout, text: `${layout.text}x` }), /do not fit/);
});
