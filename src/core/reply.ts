// Answer → Reply: arranges the facts into titled cards of sentences, items and commands.
import type {
  Answer,
  IanaAssignment,
  PortFacts,
  RangeSummary,
  SearchMatch,
  UnofficialUseFact,
} from "./answer-model.ts";
import { compactSummary, TOP_USES } from "./compact.ts";
import type { FailureCode } from "./portbot-api.ts";
import type {
  Card,
  DetailSection,
  Line,
  MoreLink,
  Reply,
  Section,
  ShareLink,
  ShareSource,
  Span,
} from "./reply-model.ts";
import type { FeedbackStats, RatingCounts } from "./stats-model.ts";
import { tableLines } from "./table.ts";
import {
  andMore,
  CONFIDENCE_LABEL,
  cannotPostAttached,
  DYNAMIC_UNASSIGNED,
  EXPOSURE_INTRO,
  echo,
  ephemeralMeaning,
  FAILURE,
  formerlyParts,
  HELP_INTRO,
  HELP_USAGE,
  helpfulOf,
  helpRating,
  ianaNoteSentence,
  listJoin,
  moreLabel,
  NO_UNOFFICIAL,
  NOT_EPHEMERAL,
  OTHER_MATCHES,
  PORT_ZERO,
  PRIVILEGED_INTRO,
  percent,
  plural,
  RANGE_LABEL,
  RANGE_MEANING,
  RANGE_TITLE,
  RATING_CHOICES,
  RATING_PROMPT,
  type RatingStyle,
  SECTION,
  SHARE_LABEL,
  STATS_UNAVAILABLE,
  USAGE_HINT,
} from "./wording.ts";

const text = (t: string): Span => ({ t: "text", text: t });
const strong = (t: string): Span => ({ t: "strong", text: t });
const em = (t: string): Span => ({ t: "em", text: t });
const code = (t: string): Span => ({ t: "code", text: t });
const link = (t: string, url: string): Span => ({ t: "link", text: t, url });

export function section(title: string, parts: Partial<Omit<Section, "title">>): Section {
  const out: Section = {
    title,
    body: parts.body ?? [],
    items: parts.items ?? [],
    commands: parts.commands ?? [],
  };
  if (parts.table !== undefined) out.table = parts.table;
  return out;
}

export function spansToPlain(line: Line): string {
  return line.map((s) => (s.t === "link" ? `${s.text} (${s.url})` : s.text)).join("");
}

function span(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}

/**
 * The name people should read for a port: the IANA service, else the description of a nameless
 * assignment (24: "any private mail system"), else reserved/unassigned.
 */
function headlineStatus(p: PortFacts): string {
  const named = p.iana.find((a) => a.status === "assigned" && a.service !== null);
  if (named?.service) return named.service;
  const nameless = p.iana.find((a) => a.status === "assigned" && a.description !== "");
  if (nameless) return nameless.description;
  if (p.iana.some((a) => a.status === "reserved")) return "reserved";
  return "unassigned";
}

/** The registry's words for an assignment: its description, else its name. */
function described(a: IanaAssignment): string {
  return a.description !== "" ? a.description : (a.service ?? "");
}

function formerlyText(a: IanaAssignment): string | null {
  if (a.formerly === null) return null;
  const f = formerlyParts(a.formerly);
  return `${f.before}${f.service ?? ""}${f.after}`;
}

export function portTitle(p: PortFacts): string {
  const proto = p.protocol === null ? "" : `/${p.protocol}`;
  return `Port ${p.port}${proto} · ${RANGE_LABEL[p.range]} · ${headlineStatus(p)}`;
}

function gist(p: PortFacts): string {
  const assigned = p.iana.find((a) => a.status === "assigned");
  if (assigned !== undefined) {
    const protos = p.iana.filter((a) => a.status === "assigned").map((a) => a.protocol);
    return `IANA: ${described(assigned)} (${protos.join("/")}).`;
  }
  if (p.port === 0) return "Reserved: programs bind to port 0 to get any free port.";
  const top = p.unofficial[0];
  const use = top ? ` Commonly used by ${top.name} (${CONFIDENCE_LABEL[top.confidence]}).` : "";
  const former = p.iana.find((a) => a.formerly !== null);
  if (former !== undefined) {
    const lead = former.status === "reserved" ? "Reserved by IANA" : "No IANA assignment";
    // A bare de-assignment date says nothing of a use: say plainly that none is known.
    const none = former.formerly?.service == null ? " No known common use." : "";
    return `${lead}. ${formerlyText(former) ?? ""}${use || none}`;
  }
  if (p.iana.some((a) => a.status === "reserved")) {
    return `Reserved by IANA: nothing is assigned here.${use || " No known common use."}`;
  }
  // Only today's widespread defaults make "most likely ephemeral" true (not OpenBSD's low range).
  const eph = p.ephemeral.filter((e) => e.current).map((e) => e.system);
  if (p.range === "dynamic" && eph.length > 0) {
    return `No IANA assignment; most likely an ephemeral port (${listJoin(eph.slice(0, 3))}${eph.length > 3 ? ", …" : ""})${top ? `, or ${top.name}` : ""}.`;
  }
  if (top !== undefined)
    return `No IANA assignment; commonly used by ${top.name} (${CONFIDENCE_LABEL[top.confidence]}).`;
  return "No IANA assignment and no known common use.";
}

export function ianaItems(p: PortFacts): Line[] {
  // Protocols with the same assignment are shown together: "tcp, udp · postgresql — …".
  const groups: { protocols: string[]; a: IanaAssignment }[] = [];
  for (const a of p.iana) {
    const same = groups.find(
      (g) =>
        g.a.service === a.service &&
        g.a.status === a.status &&
        g.a.description === a.description &&
        g.a.first === a.first &&
        g.a.last === a.last,
    );
    if (same) same.protocols.push(a.protocol);
    else groups.push({ protocols: [a.protocol], a });
  }
  return groups.map(({ protocols, a }) => {
    const line: Line = [strong(protocols.join(", ")), text(" · ")];
    if (a.status === "unassigned") {
      line.push(em("unassigned"));
      return line;
    }
    if (a.service !== null && a.description !== "") line.push(code(a.service), text(" — "));
    else if (a.service !== null) line.push(code(a.service));
    if (a.status === "reserved" && a.service === null) {
      line.push(
        text(
          `Reserved${a.description && a.description !== "Reserved" ? `: ${a.description}` : ""}`,
        ),
      );
    } else if (a.description !== "") {
      line.push(text(a.description));
    }
    if (a.formerly !== null) {
      const f = formerlyParts(a.formerly);
      line.push(text(` · ${f.before}`));
      if (f.service !== null) line.push(code(f.service));
      line.push(text(f.after));
    }
    if (a.aliases.length > 0)
      line.push(
        text(" (also "),
        ...a.aliases.flatMap((al, i) => [...(i > 0 ? [text(", ")] : []), code(al)]),
        text(")"),
      );
    if (a.first !== a.last) line.push(text(` · range ${span(a.first, a.last)}`));
    const meta: string[] = [];
    if (a.reference) meta.push(`ref ${a.reference}`);
    if (a.assignee) meta.push(`assignee ${a.assignee}`);
    if (a.registered) meta.push(`registered ${a.registered}`);
    if (a.modified) meta.push(`modified ${a.modified}`);
    if (a.unauthorizedUse) meta.push(`unauthorized use reported: ${a.unauthorizedUse}`);
    // The notes a former assignment was read from are said above already.
    if (a.notes && a.formerly === null) meta.push(ianaNoteSentence(a.notes));
    for (const r of a.remarks) meta.push(ianaNoteSentence(r));
    const said = meta.filter((m) => m !== "");
    if (said.length > 0) line.push(text(` · ${said.join(" · ")}`));
    return line;
  });
}

export function rangeSection(p: PortFacts): Section {
  const privileged = p.privileged.length > 0;
  return section(`${SECTION.range}: ${RANGE_TITLE[p.range]}`, {
    body: [
      [
        text(
          p.port === 0
            ? PORT_ZERO
            : `${RANGE_MEANING[p.range]}${privileged ? ` ${PRIVILEGED_INTRO}` : ""}`,
        ),
      ],
    ],
    items: p.privileged.map((r) => {
      const line: Line = [strong(r.system), text(`: ${r.rule}`)];
      if (r.setting) line.push(text(" · "), code(r.setting));
      line.push(text(" · "), link("source", r.source));
      return line;
    }),
  });
}

export function ephemeralSection(p: PortFacts): Section {
  const systems = p.ephemeral.filter((e) => !e.system.startsWith("IANA"));
  const current = systems.filter((e) => e.current).map((e) => e.system);
  const others = systems.filter((e) => !e.current).map((e) => e.system);
  return section(SECTION.ephemeral, {
    body: [[text(systems.length > 0 ? ephemeralMeaning(current, others) : NOT_EPHEMERAL)]],
    items: p.ephemeral.map((e) => {
      const line: Line = [strong(e.system), text(` ${span(e.first, e.last)}`)];
      if (e.setting) line.push(text(" · "), code(e.setting));
      line.push(text(" · "), link("source", e.source));
      return line;
    }),
  });
}

export function unofficialSection(p: PortFacts): Section {
  return section(SECTION.unofficial, {
    body: p.unofficial.length === 0 ? [[text(NO_UNOFFICIAL)]] : [],
    items: p.unofficial.map(
      (u): Line => [
        strong(u.name),
        text(
          ` (${u.protocols.join("/")}${u.first !== u.last ? `, ${span(u.first, u.last)}` : ""}) — ${u.description} · `,
        ),
        em(CONFIDENCE_LABEL[u.confidence]),
        text(" · "),
        link("source", u.source),
      ],
    ),
  });
}

export function ianaSection(p: PortFacts): Section {
  const allUnassigned = p.iana.every((a) => a.status === "unassigned");
  const dynamicNothing = p.range === "dynamic" && allUnassigned;
  return section(SECTION.iana, {
    body: dynamicNothing ? [[text(DYNAMIC_UNASSIGNED)]] : [],
    items: dynamicNothing ? [] : ianaItems(p),
  });
}

/** "If exposed", or null when there is no sourced note for the port. */
export function exposureSection(p: PortFacts): Section | null {
  if (p.exposure.length === 0) return null;
  return section(SECTION.exposure, {
    body: [[text(EXPOSURE_INTRO)]],
    items: p.exposure.map((x) => [
      strong(x.product),
      text(`: ${x.note} · `),
      link("source", x.source),
    ]),
  });
}

/** Every check, every platform and protocol, each with its whole note. */
export function checksSection(p: PortFacts): Section {
  return section(SECTION.checks, {
    // The note goes into the label, so every renderer shows what tells two commands apart.
    commands: p.checks.map((c) => ({
      label: `${c.platform} (${c.protocol}) — ${c.note.replace(/\.$/u, "")}`,
      command: c.command,
    })),
  });
}

export function linksSection(p: PortFacts): Section {
  return section(SECTION.links, { items: p.links.map((l) => [link(l.label, l.url)]) });
}

/**
 * The buttons under a one-port card: every section that has something to show (no "All uses"
 * without uses), except `without` (the section a detail reply already is).
 */
export function moreLinks(p: PortFacts, without: DetailSection | null = null): MoreLink[] {
  const sections: DetailSection[] = [];
  if (p.checks.length > 0) sections.push("commands");
  if (p.unofficial.length > 0) sections.push("uses");
  sections.push("details");
  return sections
    .filter((s) => s !== without)
    .map((s) => {
      const label = moreLabel(s, p.unofficial.length);
      return { section: s, label, labelWithPort: `${p.port} · ${label}` };
    });
}

/** The full reference card for one port: every section. */
export function portCard(p: PortFacts): Card {
  const exposure = exposureSection(p);
  const sections: Section[] = [
    rangeSection(p),
    ianaSection(p),
    ephemeralSection(p),
    unofficialSection(p),
    ...(exposure === null ? [] : [exposure]),
    checksSection(p),
    linksSection(p),
  ];
  return { title: portTitle(p), subtitle: gist(p), port: p.port, sections, more: moreLinks(p) };
}

export function shareLink(source: ShareSource): ShareLink {
  return { label: SHARE_LABEL, source };
}

/** The "Share in channel" button for a private reply that re-creates the reply to `query`. */
function shareQuery(query: string): ShareLink | null {
  return query.trim() === "" ? null : shareLink({ kind: "query", query });
}

/** A compact use is one row of 80 columns with its bullet: a longer name is cut, not wrapped. */
const COMPACT_USE_CHARS = 76;

function compactUseLine(u: UnofficialUseFact): Line {
  const where = u.first === u.last ? "" : ` ${span(u.first, u.last)}`;
  const rest = ` · ${u.protocols.join("/")}${where} · `;
  const label = CONFIDENCE_LABEL[u.confidence];
  return [
    strong(echo(u.name, Math.max(12, COMPACT_USE_CHARS - rest.length - label.length))),
    text(rest),
    em(label),
  ];
}

/**
 * The compact card for one port: the most likely thing on it, one sentence, the top uses and two
 * checks (compact.ts). Its sections have no titles: it reads as a few lines, not a page.
 */
export function compactPortCard(
  p: PortFacts,
  focus: string | null = null,
  maxUses = TOP_USES,
): Card {
  const s = compactSummary(p, focus);
  const top = s.topUses.slice(0, maxUses);
  const more = s.moreUses + s.topUses.length - top.length;
  const sections: Section[] = [];
  if (top.length > 0) sections.push(section("", { items: top.map(compactUseLine) }));
  if (more > 0) sections.push(section("", { body: [[em(andMore(more))]] }));
  sections.push(
    section("", {
      commands: s.checks.map((c) => ({ label: `${c.platform} — ${c.brief}`, command: c.command })),
    }),
  );
  return { title: s.headline, subtitle: s.sentence, port: p.port, sections, more: moreLinks(p) };
}

function matchLine(m: SearchMatch): Line {
  return [
    code(span(m.first, m.last)),
    text(m.protocols.length > 0 ? ` ${m.protocols.join("/")} · ` : " · "),
    strong(m.name),
    text(` — ${m.description} · `),
    em(CONFIDENCE_LABEL[m.confidence]),
  ];
}

function rangeCard(r: RangeSummary): Card {
  const count = r.last - r.first + 1;
  const sections: Section[] = [
    section(SECTION.range, {
      body: r.ranges.map((name) => [strong(RANGE_TITLE[name]), text(`: ${RANGE_MEANING[name]}`)]),
    }),
    section(SECTION.assignments, {
      body: [
        [
          text(
            `${plural(r.total, "assignment or known use", "assignments and known uses")} in ${span(r.first, r.last)}; ${plural(r.unassignedPorts, "port")} of ${count.toLocaleString("en-US")} unassigned by IANA.`,
          ),
        ],
        ...(r.total > r.assignments.length
          ? [
              [
                text(
                  `Showing ${r.assignments.length} of ${r.total}; ask about a single port for the full answer.`,
                ),
              ],
            ]
          : []),
      ],
      items: r.assignments.map(matchLine),
    }),
    section(SECTION.ephemeral, {
      body: [
        [
          text(
            r.ephemeral.length === 0
              ? NOT_EPHEMERAL
              : `Overlaps the default ephemeral range of ${listJoin(r.ephemeral.map((e) => `${e.system} (${span(e.first, e.last)})`))}.`,
          ),
        ],
      ],
    }),
  ];
  return {
    title: `Ports ${span(r.first, r.last)} · ${r.ranges.map((n) => RANGE_LABEL[n]).join(" + ")} · ${plural(count, "port")}`,
    subtitle: r.assignments[0]
      ? `Mostly ${r.assignments[0].name}: ${r.assignments[0].description}.`
      : "Nothing assigned or known in this span.",
    port: null,
    sections,
    more: [],
  };
}

function plainCardText(card: Card): string {
  const lines = [card.title];
  if (card.subtitle) lines.push(card.subtitle);
  for (const s of card.sections) {
    if (s.title !== "") lines.push(`${s.title}:`);
    for (const b of s.body) lines.push(spansToPlain(b));
    if (s.table !== undefined) lines.push(...tableLines(s.table));
    for (const i of s.items) lines.push(`- ${spansToPlain(i)}`);
    for (const c of s.commands) lines.push(`${c.label}: ${c.command}`);
  }
  return lines.join("\n");
}

export function finish(partial: Omit<Reply, "text">): Reply {
  const parts = [...partial.cards.map(plainCardText), ...partial.notes.map(spansToPlain)];
  if (partial.ratingPrompt) parts.push(partial.ratingPrompt);
  return { ...partial, text: parts.join("\n\n") };
}

/** `shareable`: whether others could use it too (an error about what was asked, not a failure). */
/** A private, unrated one-card reply: paragraphs, then bullet `items`. */
export function messageReply(
  answer: Pick<Answer, "query" | "kind">,
  title: string,
  lines: Line[],
  shareable = false,
  items: Line[] = [],
): Reply {
  const body = section("", { body: lines, items });
  return finish({
    kind: answer.kind,
    query: answer.query,
    cards: [{ title, subtitle: null, port: null, sections: [body], more: [] }],
    notes: [],
    ports: [],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
    share: shareable ? shareQuery(answer.query) : null,
  });
}

/** `ratings`: how the asker rates answers (reacting in chat, typing in a terminal). */
export function helpReply(query = "help", ratings: RatingStyle = "react"): Reply {
  return finish({
    kind: "help",
    query,
    cards: [
      {
        title: "portbot: what's on that port?",
        subtitle: HELP_INTRO,
        port: null,
        sections: [
          section(SECTION.usage, {
            items: HELP_USAGE.map(([cmd, meaning]) => [code(cmd), text(`: ${meaning}`)]),
          }),
          section(SECTION.rating, { body: [[text(helpRating(ratings))]] }),
        ],
        more: [],
      },
    ],
    notes: [],
    ports: [],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
    share: shareQuery(query),
  });
}

export function usageHintReply(query = ""): Reply {
  return messageReply({ query, kind: "none" }, "No port found", [[text(USAGE_HINT)]]);
}

/**
 * `attached`: how many answers go with this failure, visible only to the asker (when the bot
 * could not post them where it was asked); the wording never promises answers that are not there.
 */
export function failureReply(code: FailureCode, query = "", attached = 0): Reply {
  const wording =
    code === "cannot-post" && attached > 0 ? cannotPostAttached(attached) : FAILURE[code];
  return messageReply({ query, kind: "error" }, "Couldn't answer", [[text(wording)]]);
}

/** How much of the answer a reply gives: the few lines people read, or the whole reference. */
export type Detail = "compact" | "full";

/** The public, ratable reply for an answer about ports (one port, several, a range, a name). */
function publicReply(answer: Answer, cards: Card[], notes: Line[], ports: number[]): Reply {
  return finish({
    kind: answer.kind,
    query: answer.query,
    cards,
    notes,
    ports,
    visibility: "public",
    ratable: true,
    ratingPrompt: RATING_PROMPT,
    share: null,
  });
}

/** The "Other matches" line stays on one row of 80 columns: matches are added while it fits. */
const OTHER_MATCHES_CHARS = 76;
/** A match's name there is cut so that even the first one fits the row. */
const OTHER_MATCH_NAME = 36;

/** "Other matches: `5433` name · `6432` name · +7 more", the best port's matches left out. */
function otherMatchesLine(answer: Answer, best: PortFacts): Line | null {
  const matches = answer.matches ?? [];
  const others = matches.filter((m) => m.first > best.port || m.last < best.port);
  if (others.length === 0) return null;
  // Matches past the cut (truncated) are counted as others too.
  const total = others.length + (answer.truncated ? answer.truncated.total - matches.length : 0);
  const line: Line = [text(OTHER_MATCHES)];
  let shown = 0;
  for (const m of others.slice(0, TOP_USES)) {
    const next: Line = [
      ...(shown > 0 ? [text(" · ")] : []),
      code(span(m.first, m.last)),
      text(` ${echo(m.name, OTHER_MATCH_NAME)}`),
    ];
    const tail = total - shown - 1 > 0 ? ` · ${andMore(total - shown - 1)}` : "";
    const width = spansToPlain([...line, ...next]).length + tail.length;
    if (shown > 0 && width > OTHER_MATCHES_CHARS) break;
    line.push(...next);
    shown += 1;
  }
  if (total > shown) line.push(text(` · ${andMore(total - shown)}`));
  return line;
}

function searchCards(answer: Answer, detail: Detail): Card[] {
  const matches = answer.matches ?? [];
  const best = answer.ports[0];
  if (detail === "compact" && best !== undefined) {
    // The name asked for leads the best port's headline when it names something on that port.
    // The other matches take a row of the answer, so one use fewer is shown (+N more counts it).
    const others = otherMatchesLine(answer, best);
    const uses = others === null ? TOP_USES : TOP_USES - 1;
    const card = compactPortCard(best, matches[0]?.name ?? null, uses);
    if (others !== null) card.sections.push(section("", { body: [others] }));
    return [card];
  }
  const list: Card = {
    title: `Ports for “${echo(answer.query)}”`,
    subtitle: matches[0]
      ? `Best match: ${matches[0].name} on ${span(matches[0].first, matches[0].last)}.`
      : null,
    port: null,
    sections: [section(SECTION.matches, { items: matches.map(matchLine) })],
    more: [],
  };
  return best ? [list, portCard(best)] : [list];
}

/**
 * `stats`: the rating figures for a stats question, or null when the store could not give them
 * (the reply says so; it never shows an empty placeholder as if nobody had rated). `detail`:
 * compact (the default) gives each port in a few lines, full gives every section.
 */
export function answerReply(
  answer: Answer,
  stats: FeedbackStats | null = null,
  detail: Detail = "compact",
): Reply {
  const notes: Line[] = (answer.warnings ?? []).map((w) => [text(w.message)]);
  switch (answer.kind) {
    case "help":
      return helpReply(answer.query);
    case "stats":
      return stats === null
        ? messageReply(answer, "Ratings", [[text(STATS_UNAVAILABLE)]])
        : statsReply(stats, answer.query);
    case "notes": // answerText never makes one: note commands are replied to by notes/reply.ts
    case "error":
      return messageReply(
        answer,
        "Not a port I can look up",
        [[text(answer.error?.message ?? "")]],
        true,
      );
    case "none":
      return messageReply(
        answer,
        `Nothing found for “${echo(answer.query)}”`,
        [[text(answer.error?.message ?? "")]],
        true,
      );
    case "ports": {
      if (answer.truncated) {
        notes.push([
          text(
            `Showing ${answer.truncated.shown} of ${answer.truncated.total} ports; ask about the rest separately.`,
          ),
        ]);
      }
      const card = (p: PortFacts) => (detail === "full" ? portCard(p) : compactPortCard(p));
      return publicReply(
        answer,
        answer.ports.map(card),
        notes,
        answer.ports.map((p) => p.port),
      );
    }
    case "range": {
      const r = answer.range;
      if (r === undefined) return failureReply("internal", answer.query);
      // The most-asked list counts a range for its first port.
      return publicReply(answer, [rangeCard(r)], notes, [r.first]);
    }
    case "search": {
      if (answer.truncated && detail === "full") {
        notes.push([
          text(`Showing the best ${answer.truncated.shown} of ${answer.truncated.total} matches.`),
        ]);
      }
      const best = answer.ports[0];
      return publicReply(answer, searchCards(answer, detail), notes, best ? [best.port] : []);
    }
  }
}

function countsLine(c: RatingCounts): Line {
  const count = { helpful: c.helpful, confusing: c.confusing, "not-helpful": c.notHelpful };
  const parts = RATING_CHOICES.map((r) => `${r.emoji} ${count[r.rating]} ${r.label}`);
  return [text(`${parts.join(" · ")} — ${percent(c.helpfulShare)}`)];
}

export function statsReply(stats: FeedbackStats, query = "stats"): Reply {
  const window =
    stats.since === null
      ? "all time"
      : `since ${stats.since.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const sections: Section[] = [
    section(SECTION.overall, {
      body: [
        [
          text(
            `${plural(stats.answers, "answer")} and ${plural(stats.overall.votes, "vote")} (${window}).`,
          ),
        ],
        countsLine(stats.overall),
      ],
    }),
  ];
  if (stats.byPlatform.length > 0) {
    sections.push(
      section(SECTION.platforms, {
        items: stats.byPlatform.map((p) => [
          strong(p.platform),
          text(`: ${plural(p.answers, "answer")}, `),
          ...countsLine(p),
        ]),
      }),
    );
  }
  if (stats.byPort.length > 0) {
    sections.push(
      section(SECTION.ports, {
        items: stats.byPort.map((p) => [
          code(String(p.port)),
          text(` asked ${plural(p.asked, "time")} · ${helpfulOf(p.helpfulShare, p.votes)}`),
        ]),
      }),
    );
  }
  if (stats.leastHelpful.length > 0) {
    sections.push(
      section(SECTION.leastHelpful, {
        items: stats.leastHelpful.map((a) => [
          text(
            `“${echo(a.query)}” (${a.platform}): ${a.notHelpful} not helpful of ${plural(a.votes, "vote")}`,
          ),
        ]),
      }),
    );
  }
  return finish({
    kind: "stats",
    query,
    cards: [
      {
        title: "How helpful portbot has been",
        subtitle:
          stats.overall.votes === 0 ? "No ratings yet: react to an answer to rate it." : null,
        port: null,
        sections,
        more: [],
      },
    ],
    notes: [],
    ports: [],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
    share: shareQuery(query),
  });
}
