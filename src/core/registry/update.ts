// `portbot data update`: fetch (or read) IANA's CSV, validate it completely, then replace the stored
// CSV and its pre-parsed cache atomically. Any failure leaves the previous files untouched.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type CacheMeta, cachePathIn, csvPathIn, parseCache, serializeCache } from "./cache.ts";
import { type CsvParseReport, RegistryFormatError, readIanaCsv } from "./csv.ts";

export const IANA_CSV_URL =
  "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv";
export const DEFAULT_TIMEOUT_MS = 60_000;
/** IANA's file is ~1.1 MB; anything this large is not it. */
export const MAX_BYTES = 32 * 1024 * 1024;
/** A new file with fewer records than this share of the stored one is refused as likely partial. */
export const MIN_SHARE_OF_PREVIOUS = 0.9;

export interface UpdateOptions {
  /** URL (http/https/file) or file path; default IANA's URL. */
  from?: string;
  dataDir: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Accept a file much smaller than the stored one (otherwise refused as likely partial). */
  force?: boolean;
}

export type UpdateResult =
  | {
      ok: true;
      from: string;
      records: number;
      updated: string | null;
      bytes: number;
      sha256: string;
      report: CsvParseReport;
      csvPath: string;
      cachePath: string;
      /** Record count of the data replaced, when there was a stored registry. */
      previousRecords: number | null;
    }
  | {
      ok: false;
      from: string;
      /** Why nothing was replaced, for the admin. */
      reason: string;
    };

class UpdateFailure extends Error {
  override name = "UpdateFailure";
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isUrl(from: string): boolean {
  return /^(https?|file):\/\//i.test(from);
}

async function readBody(res: Response, from: string): Promise<Uint8Array> {
  const declared = res.headers.get("content-length");
  const expected = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
  if (expected !== null && expected > MAX_BYTES) {
    throw new UpdateFailure(`${from} announces ${expected} bytes; IANA's CSV is about 1 MB.`);
  }
  if (res.body === null) throw new UpdateFailure(`${from} sent no body.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BYTES) {
        throw new UpdateFailure(`${from} sent more than ${MAX_BYTES} bytes; IANA's CSV is ~1 MB.`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof UpdateFailure) throw err;
    throw new UpdateFailure(
      `the download from ${from} broke off after ${size} bytes (${describeFetchError(err)}).`,
    );
  } finally {
    reader.releaseLock();
  }
  if (expected !== null && size !== expected) {
    throw new UpdateFailure(
      `the download from ${from} is incomplete: ${size} of ${expected} bytes arrived.`,
    );
  }
  return Buffer.concat(chunks);
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError" || err.name === "AbortError") return "timed out";
    const cause = (err as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : undefined;
    return detail !== undefined ? `${err.message}: ${detail}` : err.message;
  }
  return String(err);
}

async function download(
  url: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetchImpl(url, {
      signal,
      redirect: "follow",
      headers: { accept: "text/csv, text/plain;q=0.5, */*;q=0.1" },
    });
  } catch (err) {
    if (signal.aborted) {
      throw new UpdateFailure(`no answer from ${url} within ${timeoutMs / 1000} s.`);
    }
    throw new UpdateFailure(`cannot download ${url}: ${describeFetchError(err)}.`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new UpdateFailure(
      `${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`,
    );
  }
  return readBody(res, url);
}

async function readSource(from: string, fetchImpl: typeof fetch, timeoutMs: number) {
  if (isUrl(from) && !from.toLowerCase().startsWith("file:")) {
    return download(from, fetchImpl, timeoutMs);
  }
  const path = from.toLowerCase().startsWith("file:") ? new URL(from) : from;
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_BYTES) {
      throw new UpdateFailure(`${from} is ${bytes.byteLength} bytes; IANA's CSV is about 1 MB.`);
    }
    return bytes;
  } catch (err) {
    if (err instanceof UpdateFailure) throw err;
    throw new UpdateFailure(`cannot read ${from}: ${message(err)}.`);
  }
}

function decode(bytes: Uint8Array, from: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UpdateFailure(`${from} is not UTF-8 text, so it is not IANA's CSV.`);
  }
}

/** Writes `data` to a temporary file beside `path`, fsyncs it, and returns the temp path. */
async function writeTemp(path: string, data: string | Uint8Array): Promise<string> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const fh = await open(tmp, "wx", 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

async function syncDir(dir: string): Promise<void> {
  // Makes the renames durable; not possible on every platform (Windows), so best effort.
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // ignore: the renames themselves are atomic either way
  }
}

async function previousRecordCount(cachePath: string): Promise<number | null> {
  try {
    return parseCache(await readFile(cachePath, "utf8")).records.length;
  } catch {
    return null; // no cache, or a damaged one: nothing worth protecting
  }
}

/**
 * Fetches or reads the CSV, validates it fully (parse + completeness), then replaces
 * `<dataDir>/iana-service-names-port-numbers.csv` and `<dataDir>/iana-registry.json` by rename.
 * Never throws for download/validation/disk problems: returns `{ ok: false, reason }` and the
 * previous data stays in place. The cache is renamed last, so a crash in between still leaves a
 * consistent, validated cache (the old one) for the loader.
 */
export async function updateRegistry(options: UpdateOptions): Promise<UpdateResult> {
  const from = options.from ?? IANA_CSV_URL;
  const csvPath = csvPathIn(options.dataDir);
  const cachePath = cachePathIn(options.dataDir);
  const temps: string[] = [];
  try {
    const bytes = await readSource(
      from,
      options.fetch ?? globalThis.fetch,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const text = decode(bytes, from);
    let parsed: ReturnType<typeof readIanaCsv>;
    try {
      parsed = readIanaCsv(text);
    } catch (err) {
      if (err instanceof RegistryFormatError) throw new UpdateFailure(err.message);
      throw err;
    }

    const previousRecords = await previousRecordCount(cachePath);
    if (
      !options.force &&
      previousRecords !== null &&
      parsed.records.length < previousRecords * MIN_SHARE_OF_PREVIOUS
    ) {
      throw new UpdateFailure(
        `the new file has ${parsed.records.length} records, the stored registry ${previousRecords}; ` +
          "that looks like a partial file (use --force to accept it anyway).",
      );
    }

    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const meta: CacheMeta = {
      fetchedFrom: from,
      fetchedAt: new Date().toISOString(),
      sha256,
      updated: parsed.updated,
      report: parsed.report,
    };
    try {
      await mkdir(options.dataDir, { recursive: true });
      const csvTmp = await writeTemp(csvPath, bytes);
      temps.push(csvTmp);
      const cacheTmp = await writeTemp(cachePath, serializeCache(meta, parsed.records));
      temps.push(cacheTmp);
      await rename(csvTmp, csvPath);
      await rename(cacheTmp, cachePath);
      temps.length = 0;
      await syncDir(options.dataDir);
    } catch (err) {
      throw new UpdateFailure(`cannot write to ${options.dataDir}: ${message(err)}`);
    }
    return {
      ok: true,
      from,
      records: parsed.records.length,
      updated: parsed.updated,
      bytes: bytes.byteLength,
      sha256,
      report: parsed.report,
      csvPath,
      cachePath,
      previousRecords,
    };
  } catch (err) {
    if (err instanceof UpdateFailure) return { ok: false, from, reason: err.message };
    return { ok: false, from, reason: `unexpected error: ${message(err)}` };
  } finally {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
  }
}
