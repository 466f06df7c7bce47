// Answer → Reply: arranges the facts into titled cards of sentences, items and commands.
import type {
  Answer,
  IanaAssignment,
  PortFacts,
  RangeSummary,
  SearchMatch,
} from "./answer-model.ts";
import type { FailureCode } from "./portbot-api.ts";
import type { Card, Line, Reply, Section, Span } from "./reply-model.ts";
import type { FeedbackStats, RatingCounts } from "./stats-model.ts";
import {
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
  NO_UNOFFICIAL,
  NOT_EPHEMERAL,
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
  STATS_UNAVAILABLE,
  USAGE_HINT,
} from "./wording.ts";

const text = (t: string): Span => ({ t: "text", text: t });
const strong = (t: string): Span => ({ t: "strong", text: t });
const em = (t: string): Span => ({ t: "em", text: t });
const code = (t: string): Span => ({ t: "code", text: t });
const link = (t: string, url: string): Span => ({ t: "link", text: t, url });

export function section(title: string, parts: Partial<Omit<Section, "title">>): Section {
  return {
    title,
    body: parts.body ?? [],
    items: parts.items ?? [],
    commands: parts.commands ?? [],
  };
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

function portTitle(p: PortFacts): string {
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
    return `${lead}. ${formerlyText(former) ?? ""}${use}`;
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

function ianaItems(p: PortFacts): Line[] {
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

function rangeSection(p: PortFacts): Section {
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

function ephemeralSection(p: PortFacts): Section {
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

function unofficialSection(p: PortFacts): Section {
  return section(SECTION.unofficial, {
    body: p.unofficial.length === 0 ? [[text(NO_UNOFFICIAL)]] : [],
    items: p.unofficial
      .slice(0, 8)
      .map((u) => [
        strong(u.name),
        text(
          ` (${u.protocols.join("/")}${u.first !== u.last ? `, ${span(u.first, u.last)}` : ""}) — ${u.description} · `,
        ),
        em(CONFIDENCE_LABEL[u.confidence]),
        text(" · "),
        link("source", u.source),
      ]),
  });
}

function portCard(p: PortFacts): Card {
  const allUnassigned = p.iana.every((a) => a.status === "unassigned");
  const sections: Section[] = [
    rangeSection(p),
    section(SECTION.iana, {
      body: p.range === "dynamic" && allUnassigned ? [[text(DYNAMIC_UNASSIGNED)]] : [],
      items: p.range === "dynamic" && allUnassigned ? [] : ianaItems(p),
    }),
    ephemeralSection(p),
    unofficialSection(p),
  ];
  if (p.exposure.length > 0) {
    sections.push(
      section(SECTION.exposure, {
        body: [[text(EXPOSURE_INTRO)]],
        items: p.exposure.map((x) => [
          strong(x.product),
          text(`: ${x.note} · `),
          link("source", x.source),
        ]),
      }),
    );
  }
  sections.push(
    section(SECTION.checks, {
      // The note goes into the label, so every renderer shows what tells two commands apart.
      commands: p.checks.map((c) => ({
        label: `${c.platform} (${c.protocol}) — ${c.note.replace(/\.$/u, "")}`,
        command: c.command,
      })),
    }),
  );
  sections.push(section(SECTION.links, { items: p.links.map((l) => [link(l.label, l.url)]) }));
  return { title: portTitle(p), subtitle: gist(p), port: p.port, sections };
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
  };
}

function plainCardText(card: Card): string {
  const lines = [card.title];
  if (card.subtitle) lines.push(card.subtitle);
  for (const s of card.sections) {
    lines.push(`${s.title}:`);
    for (const b of s.body) lines.push(spansToPlain(b));
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

function messageReply(answer: Pick<Answer, "query" | "kind">, title: string, lines: Line[]): Reply {
  return finish({
    kind: answer.kind,
    query: answer.query,
    cards: [{ title, subtitle: null, port: null, sections: [section("", { body: lines })] }],
    notes: [],
    ports: [],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
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
      },
    ],
    notes: [],
    ports: [],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
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

/**
 * `stats`: the rating figures for a stats question, or null when the store could not give them
 * (the reply says so; it never shows an empty placeholder as if nobody had rated).
 */
export function answerReply(answer: Answer, stats: FeedbackStats | null = null): Reply {
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
      return messageReply(answer, "Not a port I can look up", [
        [text(answer.error?.message ?? "")],
      ]);
    case "none":
      return messageReply(answer, `Nothing found for “${echo(answer.query)}”`, [
        [text(answer.error?.message ?? "")],
      ]);
    case "ports": {
      if (answer.truncated) {
        notes.push([
          text(
            `Showing ${answer.truncated.shown} of ${answer.truncated.total} ports; ask about the rest separately.`,
          ),
        ]);
      }
      return finish({
        kind: "ports",
        query: answer.query,
        cards: answer.ports.map(portCard),
        notes,
        ports: answer.ports.map((p) => p.port),
        visibility: "public",
        ratable: true,
        ratingPrompt: RATING_PROMPT,
      });
    }
    case "range": {
      const r = answer.range;
      if (r === undefined) return failureReply("internal", answer.query);
      return finish({
        kind: "range",
        query: answer.query,
        cards: [rangeCard(r)],
        notes,
        ports: [r.first], // the most-asked list counts a range for its first port
        visibility: "public",
        ratable: true,
        ratingPrompt: RATING_PROMPT,
      });
    }
    case "search": {
      const matches = answer.matches ?? [];
      const list: Card = {
        title: `Ports for “${echo(answer.query)}”`,
        subtitle: matches[0]
          ? `Best match: ${matches[0].name} on ${span(matches[0].first, matches[0].last)}.`
          : null,
        port: null,
        sections: [section(SECTION.matches, { items: matches.map(matchLine) })],
      };
      if (answer.truncated) {
        notes.push([
          text(`Showing the best ${answer.truncated.shown} of ${answer.truncated.total} matches.`),
        ]);
      }
      const best = answer.ports[0];
      return finish({
        kind: "search",
        query: answer.query,
        cards: best ? [list, portCard(best)] : [list],
        notes,
        ports: best ? [best.port] : [],
        visibility: "public",
        ratable: true,
        ratingPrompt: RATING_PROMPT,
      });
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
      },
    ],
    notes: [],
    ports: [],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
  });
}
