// Every sentence portbot says lives here (and in reply.ts, which arranges them). Adapters and
// the CLI only format what the core hands them.
import type { AnswerError, FormerAssignment } from "./answer-model.ts";
import type { InvalidReason } from "./query.ts";
import type { Rating } from "./stats-model.ts";
import type { RangeName } from "./types.ts";

/**
 * The three ratings, in the order people see them everywhere (prompt, seeded reactions, stats):
 * the emoji a chat platform shows and the key a person types in a terminal.
 */
export const RATING_CHOICES: readonly {
  rating: Rating;
  emoji: string;
  typed: string;
  label: string;
}[] = [
  { rating: "helpful", emoji: "😃", typed: "+", label: "helpful" },
  { rating: "confusing", emoji: "🤨", typed: "?", label: "confusing" },
  { rating: "not-helpful", emoji: "😔", typed: "-", label: "not helpful" },
];

/** How a person rates: by reacting (chat) or by typing a key (terminal). */
export type RatingStyle = "react" | "type";

export function ratingPrompt(style: RatingStyle): string {
  if (style === "react") {
    const choices = RATING_CHOICES.map((c) => `${c.emoji} ${c.label}`).join(" · ");
    return `Was this helpful? React with ${choices}`;
  }
  const keys = RATING_CHOICES.map((c) => `${c.typed} (${c.label})`);
  const emoji = RATING_CHOICES.map((c) => c.emoji).join(" ");
  return `Was this helpful? Type ${listJoin(keys, "or")}; ${emoji} work too.`;
}

export const RATING_PROMPT = ratingPrompt("react");

export const EXAMPLES = "/port 5432, /port 53/udp, /port 6000-6063 or /port postgres";

/** User text echoed back: short, on one line. Adapters still escape it for their platform. */
export function echo(text: string, max = 40): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

export function invalidMessage(reason: InvalidReason, fromSearch = false): string {
  switch (reason.code) {
    case "empty":
      return `Tell me a port number (0–65535) or a service name, for example ${EXAMPLES}.`;
    case "too-long":
      return `That is ${reason.length} characters; a port question fits in a few words. Try ${EXAMPLES}.`;
    case "out-of-range":
      return `“${echo(reason.token)}” is not a port: TCP and UDP ports run from 0 to 65535 (they are 16-bit numbers).`;
    case "negative":
      return `“${echo(reason.token)}” is negative; ports run from 0 to 65535.`;
    case "not-decimal":
      return reason.value === null
        ? `“${echo(reason.token)}” is not a whole decimal number; ports are whole numbers from 0 to 65535.`
        : `“${echo(reason.token)}” looks hexadecimal; ports are written in decimal. Did you mean /port ${reason.value}?`;
    case "unknown-protocol":
      return `“${echo(reason.protocol)}” is not a transport protocol IANA assigns ports for; use tcp, udp, sctp or dccp (e.g. 53/udp).`;
    case "reversed-range":
      return `The range ${reason.first}–${reason.last} runs backwards; did you mean ${reason.last}-${reason.first}?`;
    case "unrecognised":
      return fromSearch
        ? `I read “${echo(reason.text)}” as a service name and found no port for it. Try another name, or a number: ${EXAMPLES}.`
        : `I couldn't find a port number or a service name in “${echo(reason.text)}”. Try ${EXAMPLES}, or /port help.`;
  }
}

export function warningFor(reason: InvalidReason): AnswerError {
  return { code: reason.code, message: `Skipped: ${invalidMessage(reason)}` };
}

export const RANGE_LABEL: Record<RangeName, string> = {
  "well-known": "well-known",
  registered: "registered",
  dynamic: "dynamic/private",
};

export const RANGE_TITLE: Record<RangeName, string> = {
  "well-known": "System (well-known) ports, 0–1023",
  registered: "User (registered) ports, 1024–49151",
  dynamic: "Dynamic/private ports, 49152–65535",
};

/** What the range means for someone who sees the port in a log or a firewall (RFC 6335 §6). */
export const RANGE_MEANING: Record<RangeName, string> = {
  "well-known":
    "IANA assigns these only through IETF review or IESG approval, for core Internet services.",
  registered:
    "IANA assigns these to applications on request. A registration is a claim, not a lock: any program may listen here, so check what is actually running before you trust the name.",
  dynamic:
    "IANA never assigns these. Operating systems hand them out as temporary (ephemeral) source ports for outgoing connections, and software may use them privately without registering. Seen in netstat or a firewall log, such a port is most often the client side of a connection.",
};

export const PORT_ZERO =
  "Port 0 is reserved. Programs bind to port 0 to ask the operating system for any free ephemeral port; it should never be seen on the wire, so traffic to or from port 0 is usually a scan or a malformed packet.";

export const DYNAMIC_UNASSIGNED = "IANA assigns nothing in 49152–65535 (RFC 6335 §6).";

/** Before the per-system rules for ports below 1024 (data/privileged-ports.json). */
export const PRIVILEGED_INTRO =
  "Whether a program needs privileges to listen here depends on the system:";

export const NOT_EPHEMERAL =
  "Not inside the default ephemeral range of any system on record (Linux, Windows, macOS, the BSDs), so it is unlikely to be a temporary client port.";

/**
 * What the ephemeral ranges mean for the port. `current`: today's defaults of widespread systems
 * (Linux, Windows, macOS); `others`: older releases and less common systems. Only the former make
 * a temporary client port the most likely explanation.
 */
export function ephemeralMeaning(current: string[], others: string[]): string {
  if (current.length > 0) {
    const also = others.length > 0 ? ` (so may ${listJoin(others)})` : "";
    return `${listJoin(current)} may hand this port out as a temporary source port for outgoing connections${also}. If you saw it as the local port of a connection, that is the most likely explanation.`;
  }
  return `${listJoin(others)} may hand this port out as a temporary source port, but today's Linux, Windows and macOS do not, so on most machines a connection's local port here is more likely a service than a client.`;
}

/** IANA's raw assignment notes as a sentence: "<== NOTE Conflict on 2049 !" and the like. */
export function ianaNoteSentence(raw: string): string {
  const flat = raw.replace(/\s+/gu, " ").trim();
  const conflict = /^(?:<==\s*)?(?:NOTE:?\s*)?conflict on (?:port )?(\d+)\s*!*$/iu.exec(flat);
  if (conflict) {
    return `IANA flags a conflict on port ${conflict[1]}: more than one service was registered on it.`;
  }
  let s = flat
    .replace(/<==+|==+>/gu, "")
    .replace(/^\s*NOTE:?\s*/iu, "")
    .replace(/\s*!+\s*$/u, "")
    .trim();
  if (s === "") return "";
  s = s[0]?.toUpperCase() + s.slice(1);
  return /[.!?)]$/u.test(s) ? s : `${s}.`;
}

/** "Was `compressnet` until IANA de-assigned it on 2025-02-13." in words (the name is code). */
export function formerlyParts(f: FormerAssignment): {
  before: string;
  service: string | null;
  after: string;
} {
  if (f.service !== null && f.until !== null) {
    return {
      before: "Was ",
      service: f.service,
      after: ` until IANA de-assigned it on ${f.until}.`,
    };
  }
  if (f.service !== null) return { before: "Formerly ", service: f.service, after: "." };
  return {
    before: `IANA de-assigned it on ${f.until ?? "an unrecorded date"}.`,
    service: null,
    after: "",
  };
}

export const EXPOSURE_INTRO = "Worth knowing if this port is reachable from outside:";

export const NO_UNOFFICIAL = "None on record.";

export const CONFIDENCE_LABEL = {
  "iana-assigned": "IANA-assigned",
  "vendor-documented": "vendor-documented",
  "community-reported": "community-reported",
} as const;

export const SECTION = {
  range: "Range",
  iana: "IANA assignment",
  ephemeral: "Ephemeral port on",
  unofficial: "Known unofficial uses",
  exposure: "If exposed",
  checks: "Check what is using it",
  links: "Links",
  matches: "Matching services",
  assignments: "Assignments in this span",
  overall: "Overall",
  platforms: "By platform",
  ports: "Most-asked ports",
  leastHelpful: "Rated not helpful most often",
  usage: "Usage",
  examples: "Examples",
  rating: "Ratings",
} as const;

export function listJoin(items: string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function percent(share: number | null): string {
  return share === null ? "no votes yet" : `${Math.round(share * 100)}% helpful`;
}

/** "75% helpful (4 votes)", or "no votes yet" once (not "no votes yet (0 votes)"). */
export function helpfulOf(share: number | null, votes: number): string {
  return votes === 0 || share === null
    ? "no votes yet"
    : `${percent(share)} (${plural(votes, "vote")})`;
}

/** Failures outside the core; none names a platform, and none promises an answer not attached. */
export const FAILURE = {
  "rate-limited":
    "The chat service is rate-limiting me right now, so I couldn't post the answer. Please try again in a minute.",
  "cannot-post":
    "I can't post in this conversation, so I couldn't answer here. Add me to it, or ask where I'm a member.",
  busy: "I'm answering a lot of questions at once right now, so I couldn't take yours. Please ask again in a minute.",
  internal:
    "Something went wrong on my side while answering. Please try again; if it keeps happening, tell the people who run me.",
} as const;

/** Said with the answers themselves attached, visible only to the asker. */
export function cannotPostAttached(answers: number): string {
  const them = answers === 1 ? "your answer" : `your ${answers} answers`;
  return `I can't post in this conversation, so here is ${them}, visible only to you. Add me to it to answer there.`;
}

export const STATS_UNAVAILABLE =
  "I can't read the ratings right now (the ratings store did not answer). Please try again in a minute.";

export const USAGE_HINT = `I didn't spot a port number or a service name there. Mention me with one, for example “what is on 5432?”, or use ${EXAMPLES}.`;

export const HELP_INTRO =
  "I explain network ports: the IANA range and assignment, whether it is an ephemeral port on common systems, known unofficial uses (with how sure we are), and commands to see what is listening.";

/** Command and what it does; the reply shows the command as code. */
export const HELP_USAGE: readonly (readonly [string, string])[] = [
  ["/port 60876", "one port"],
  ["/port 5432/udp", "one protocol"],
  ["/port 22 80 443", "several ports (up to 5)"],
  ["/port 6000-6063", "a range, summarised"],
  ["/port postgres", "find ports by service name (also: mongo, minecraft, remote desktop)"],
  ["/port stats", "how helpful the answers have been"],
  [
    "/port note 9000 payments API (staging)",
    "your team's own note on a port; /port notes lists them",
  ],
  ["what's on 5432 and 6379?", "mention me with a question like this in a channel or thread"],
];

export const HELP_RATING = `React to an answer with ${RATING_CHOICES.map((c) => `${c.emoji} (${c.label})`).join(", ")}; your latest reaction counts, and removing it withdraws your vote.`;

/** The help's line on rating, for how the asker rates: by reacting (chat) or typing (terminal). */
export function helpRating(style: RatingStyle): string {
  if (style === "react") return HELP_RATING;
  const keys = RATING_CHOICES.map((c) => `${c.typed} (${c.label})`);
  const emoji = RATING_CHOICES.map((c) => c.emoji).join(" ");
  return `Rate the answers just shown by typing ${listJoin(keys, "or")} (${emoji} work too); typing another changes your vote.`;
}

export const SHELL_RATED = {
  helpful: "Thanks: recorded as helpful.",
  confusing: "Thanks: recorded as confusing.",
  "not-helpful": "Thanks: recorded as not helpful.",
  nothing: "There is no answer to rate yet: ask about a port first.",
} as const;

export const SHELL_HINT =
  "portbot shell: type a port (/port 60876) or ask (@portbot what is 5432?); help for help, clear to clear the screen, exit (or Ctrl-D) to quit. To run in Slack or Discord, set SLACK_BOT_TOKEN or DISCORD_TOKEN (see README).";

/** Said when a terminal rating is recorded for several answers shown together. */
export function ratedSeveral(rating: Rating, count: number): string {
  return `Thanks: recorded as ${RATING_CHOICES.find((c) => c.rating === rating)?.label ?? rating} for the ${count} answers just shown.`;
}

export function messageCapNote(shown: number, total: number): string {
  return `Answered the first ${shown} of ${total} ports in that message; ask about the rest separately.`;
}
