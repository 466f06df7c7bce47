// Text → Query. Reads what people actually type: `60876`, `5432/udp`, `port 22`, `:8080`,
// `db.local:5432`, `22 80 443`, "what's on 5432 and 6379?", `6000-6063`, `postgres`, `help`, and
// what they paste from ss, netstat, lsof or a log: `[::]:22`, `:::22`, `0.0.0.0:5432`, `*:80`,
// `127.0.0.53%lo:53`, `localhost:3000` (the port, never an address's bytes or groups).
// Never throws; anything it cannot read becomes an `invalid` query with a reason code.
import { isPort } from "./ranges.ts";
import { MAX_PORT, PROTOCOLS, type Protocol } from "./types.ts";

/** Longer input is refused outright: nobody types a port question that long. */
export const MAX_QUERY_LENGTH = 500;
/** Ports answered from one query; the rest are counted, not answered. */
export const MAX_PORTS_PER_QUERY = 5;

export interface PortRequest {
  port: number;
  protocol: Protocol | null;
}

export type InvalidReason =
  | { code: "empty" }
  | { code: "too-long"; length: number }
  | { code: "out-of-range"; token: string }
  | { code: "negative"; token: string }
  | { code: "not-decimal"; token: string; value: number | null }
  | { code: "unknown-protocol"; token: string; protocol: string }
  | { code: "reversed-range"; token: string; first: number; last: number }
  | { code: "unrecognised"; text: string };

export type Query =
  | { kind: "ports"; text: string; ports: PortRequest[]; total: number; skipped: InvalidReason[] }
  | {
      kind: "range";
      text: string;
      first: number;
      last: number;
      protocol: Protocol | null;
      skipped: InvalidReason[];
    }
  | { kind: "search"; text: string; term: string }
  | { kind: "help"; text: string }
  | { kind: "stats"; text: string }
  | { kind: "invalid"; text: string; reason: InvalidReason };

const HELP_WORDS = new Set(["help", "?", "-h", "--help", "usage", "h"]);
const STATS_WORDS = new Set(["stats", "statistics", "ratings", "feedback"]);

// Filler that carries no port or service meaning in "what is listening on port 5432?" or in
// "@portbot what is all this?" (the question that comes with a pasted listing).
const STOPWORDS = new Set(
  `a about all an and any anything are at by can default does do explain for from has have here
  hey hi how in is it its it's listening me my number numbers of on or port ports please running
  runs service services show tell that the there these this those to use used uses using what
  what's whats which who who's whos why with know`
    .split(/\s+/)
    .filter(Boolean),
);

const PROTOCOL_SET = new Set<string>(PROTOCOLS);

type Token =
  | { t: "port"; port: number; protocol: Protocol | null }
  | { t: "range"; first: number; last: number; protocol: Protocol | null }
  | { t: "word"; word: string }
  | { t: "bad"; reason: InvalidReason };

// Outer punctuation people wrap things in: quotes, brackets, sentence marks.
const TRIM_RE = /^[\s"'`“”‘’«»()[\]{}<>,;!?¿¡.*_~]+|[\s"'`“”‘’«»()[\]{}<>,;!?¿¡.*_~:]+$/gu;

/** Outer punctuation around a pasted address: like TRIM_RE, but `[` `]` `*` `:` belong to it. */
const ADDRESS_TRIM_RE = /^[\s"'`“”‘’«»(){}<>,;!?¿¡]+|[\s"'`“”‘’«»(){}<>,;!?¿¡.]+$/gu;

function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return m?.slice(1).every((byte) => Number(byte) <= 255) === true;
}

/** Any written form of an IPv6 address: `::`, `::1`, `fe80::1`, `::ffff:10.0.0.1`, 8 groups. */
function isIPv6(s: string): boolean {
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const parts = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  let groups = 0;
  for (const [i, part] of parts.entries()) {
    if (/^[0-9a-f]{1,4}$/i.test(part)) groups += 1;
    else if (i === parts.length - 1 && isIPv4(part)) groups += 2;
    else return false;
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

/** An IP address, with the zone tools print after `%` (`fe80::1%eth0`, `127.0.0.53%lo`). */
function isAddress(s: string): boolean {
  const [address = "", zone, ...more] = s.split("%");
  if (more.length > 0 || (zone !== undefined && !/^[\w.-]+$/.test(zone))) return false;
  return isIPv4(address) || isIPv6(address);
}

type Socket = { port: string; protocol: string | null } | "address" | null;

/**
 * `host:port` as people paste it: `[::]:22`, `[fe80::1%eth0]:443`, `:::22` (netstat's IPv6 any),
 * `0.0.0.0:5432`, `*:80`, `127.0.0.53%lo:53`, `localhost:3000`, `:8080`, `tcp:22`. "address" for
 * an address alone (`10.0.0.1`, `::1`, `[::1]`, `0.0.0.0:*`): none of its parts is a port. A bare
 * IPv6 address stays one even when its last group looks like a port (`fe80::1:22`; write
 * `[fe80::1]:22`). null: not an address at all.
 */
function readSocket(token: string): Socket {
  const m = /^(.*):(\d+|\*)(?:\/([a-z]+))?$/i.exec(token);
  if (m === null) return isAddress(token.replace(/^\[(.*)\]$/, "$1")) ? "address" : null;
  const [, host = "", port = "", protocol] = m;
  const bracketed = /^\[(.+)\]$/.exec(host)?.[1];
  const isSocket =
    bracketed !== undefined
      ? isAddress(bracketed)
      : host === "" ||
        host === "*" ||
        (isAddress(host) && !isAddress(token)) ||
        /^[\w.-]+(?:%[\w.-]+)?$/.test(host);
  if (!isSocket) return isAddress(token) ? "address" : null;
  if (port === "*") return "address";
  const hostProtocol = PROTOCOL_SET.has(host.toLowerCase()) ? host.toLowerCase() : null;
  return { port, protocol: protocol ?? hostProtocol };
}

function parseProtocol(raw: string, token: string): Protocol | InvalidReason {
  const p = raw.toLowerCase();
  if (PROTOCOL_SET.has(p)) return p as Protocol;
  return { code: "unknown-protocol", token, protocol: raw };
}

function portOrReason(digits: string, token: string): number | InvalidReason {
  // Leading zeros are harmless (`08080`); length guards against 99999999999 losing precision.
  const n = digits.length > 6 ? Number.POSITIVE_INFINITY : Number(digits);
  if (!isPort(n)) return { code: "out-of-range", token };
  return n;
}

function isReason(x: unknown): x is InvalidReason {
  return typeof x === "object" && x !== null && "code" in x;
}

/** A pasted `host:port` (or address alone: nothing) as a token; null when it is neither. */
function socketToken(raw: string): Token | "address" | null {
  const socket = readSocket(raw.replace(ADDRESS_TRIM_RE, ""));
  if (socket === null || socket === "address") return socket;
  const token = raw.trim();
  const port = portOrReason(socket.port, token);
  if (isReason(port)) return { t: "bad", reason: port };
  const protocol = socket.protocol === null ? null : parseProtocol(socket.protocol, token);
  if (isReason(protocol)) return { t: "bad", reason: protocol };
  return { t: "port", port, protocol };
}

/** One whitespace-separated piece of the query. */
function readToken(raw: string): Token | null {
  const socket = socketToken(raw);
  if (socket === "address") return null;
  if (socket !== null) return socket;
  const token = raw.replace(TRIM_RE, "");
  if (token === "") return null;
  const lower = token.toLowerCase();

  // 6000-6063, 6000..6063, 6000–6063, optionally /tcp
  let m = /^(\d+)\s*(?:-|–|—|\.\.)\s*(\d+)(?:\/([a-z]+))?$/iu.exec(token);
  if (m) {
    const first = portOrReason(m[1] ?? "", token);
    const last = portOrReason(m[2] ?? "", token);
    if (isReason(first)) return { t: "bad", reason: first };
    if (isReason(last)) return { t: "bad", reason: last };
    const protocol = m[3] === undefined ? null : parseProtocol(m[3], token);
    if (isReason(protocol)) return { t: "bad", reason: protocol };
    if (first > last) return { t: "bad", reason: { code: "reversed-range", token, first, last } };
    if (first === last) return { t: "port", port: first, protocol };
    return { t: "range", first, last, protocol };
  }

  // 5432, :8080, 5432/udp, host:5432, [::1]:5432, 10.0.0.1:5432/tcp
  m = /^(?:[\w.-]*:|\[[0-9a-f:.]+\]:)?(\d+)(?:\/([a-z]+))?$/iu.exec(token);
  if (m && !/^\d+(?:\.\d+){1,3}$/.test(token)) {
    const port = portOrReason(m[1] ?? "", token);
    if (isReason(port)) return { t: "bad", reason: port };
    const protocol = m[2] === undefined ? null : parseProtocol(m[2], token);
    if (isReason(protocol)) return { t: "bad", reason: protocol };
    return { t: "port", port, protocol };
  }

  // udp/53, tcp:22
  m = /^([a-z]+)[/:](\d+)$/iu.exec(token);
  if (m && PROTOCOL_SET.has((m[1] ?? "").toLowerCase())) {
    const port = portOrReason(m[2] ?? "", token);
    if (isReason(port)) return { t: "bad", reason: port };
    return { t: "port", port, protocol: (m[1] ?? "").toLowerCase() as Protocol };
  }

  if (/^-\d+$/.test(token)) return { t: "bad", reason: { code: "negative", token } };
  if (/^[+-]?0x[0-9a-f]+$/i.test(token)) {
    const value = Number.parseInt(token.replace(/^[+-]?0x/i, ""), 16);
    return {
      t: "bad",
      reason: { code: "not-decimal", token, value: isPort(value) ? value : null },
    };
  }
  if (/^[+-]?\d*[.,e]\d+$/i.test(token) || /^\+\d+$/.test(token)) {
    return { t: "bad", reason: { code: "not-decimal", token, value: null } };
  }

  // Words: keep letters, digits and the joiners service names use (ms-wbt-server, x11, h.323).
  // ASCII (nearly every query) without compiling Unicode classes: a cold start's millisecond.
  const word = (
    /^[\t\n\r -~]*$/.test(lower)
      ? lower.replace(/[^a-z0-9.+_-]+/g, " ")
      : lower.normalize("NFKC").replace(/[^\p{L}\p{N}.+_-]+/gu, " ")
  ).trim();
  if (word === "") return null;
  return { t: "word", word };
}

export function parseQuery(input: string): Query {
  const text = typeof input === "string" ? input : "";
  if (text.length > MAX_QUERY_LENGTH) {
    return { kind: "invalid", text, reason: { code: "too-long", length: text.length } };
  }
  const trimmed = text.trim().replace(/^\/port\b\s*/i, "");
  if (trimmed === "") return { kind: "invalid", text, reason: { code: "empty" } };

  const lowered = trimmed.toLowerCase();
  if (HELP_WORDS.has(lowered)) return { kind: "help", text };
  if (STATS_WORDS.has(lowered)) return { kind: "stats", text };

  const tokens: Token[] = [];
  for (const piece of trimmed.split(/[\s,;]+|\band\b/u)) {
    const tok = readToken(piece);
    if (tok !== null) tokens.push(tok);
  }
  // "port 22/udp" style protocol words next to numbers: `53 udp` means 53/udp.
  const words: string[] = [];
  const ports: PortRequest[] = [];
  const ranges: Extract<Token, { t: "range" }>[] = [];
  const bad: InvalidReason[] = [];
  let trailingProtocol: Protocol | null = null;
  for (const tok of tokens) {
    if (tok.t === "port") ports.push({ port: tok.port, protocol: tok.protocol });
    else if (tok.t === "range") ranges.push(tok);
    else if (tok.t === "bad") bad.push(tok.reason);
    else {
      for (const w of tok.word.split(" ")) {
        if (PROTOCOL_SET.has(w)) trailingProtocol = w as Protocol;
        else if (!STOPWORDS.has(w)) words.push(w);
      }
    }
  }
  if (trailingProtocol !== null) {
    for (const p of ports) p.protocol ??= trailingProtocol;
    for (const r of ranges) r.protocol ??= trailingProtocol;
  }

  if (ports.length > 0) {
    const seen = new Set<string>();
    const unique = ports.filter((p) => {
      const key = `${p.port}/${p.protocol ?? ""}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return {
      kind: "ports",
      text,
      ports: unique.slice(0, MAX_PORTS_PER_QUERY),
      total: unique.length,
      skipped: bad,
    };
  }
  const range = ranges[0];
  if (range !== undefined) {
    return {
      kind: "range",
      text,
      first: range.first,
      last: range.last,
      protocol: range.protocol,
      skipped: bad,
    };
  }
  const firstBad = bad[0];
  if (firstBad !== undefined) return { kind: "invalid", text, reason: firstBad };
  if (words.length > 0) return { kind: "search", text, term: words.join(" ").slice(0, 80) };
  return { kind: "invalid", text, reason: { code: "unrecognised", text: trimmed } };
}

/** Every port number in free text (mentions, shortcuts), in order, without duplicates. */
export function portsInText(input: string): number[] {
  if (typeof input !== "string") return [];
  const found: number[] = [];
  const add = (n: number) => {
    if (n <= MAX_PORT && !found.includes(n)) found.push(n);
  };
  // Standalone numbers only: not part of a word, id, version (1.2.3) or decimal.
  const re =
    /(?<![\w.\-/@#])(?::)?(\d{1,5})(?:\s*\/\s*(?:tcp|udp|sctp|dccp))?(?![\w.]\d|\d|[\w])/giu;
  for (const piece of input.split(/\s+/u)) {
    // A pasted address gives its port, never its bytes or groups (10.0.0.1:22 → 22).
    const socket = readSocket(piece.replace(ADDRESS_TRIM_RE, ""));
    if (socket === "address") continue;
    if (socket !== null) add(Number(socket.port));
    else for (const m of piece.matchAll(re)) add(Number(m[1]));
  }
  return found;
}
