// One section of a one-port answer, on its own: what the buttons under an answer show (Commands,
// All uses, Details). Built from the full answer's own section builders (reply.ts), so a detail
// says exactly what the full answer says, only all of it.
import type { PortFacts } from "./answer-model.ts";
import {
  checksSection,
  ephemeralSection,
  exposureSection,
  finish,
  ianaSection,
  linksSection,
  moreLinks,
  portTitle,
  rangeSection,
  section,
  shareLink,
  unofficialSection,
} from "./reply.ts";
import type { DetailSection, Line, Reply, Section } from "./reply-model.ts";
import type { EphemeralRange } from "./types.ts";
import { DETAIL_TITLE, SECTION } from "./wording.ts";

/**
 * Every system's ephemeral range with the setting that changes it (the full answer lists only
 * those that include the port), after what the ranges mean for this port.
 */
function ephemeralRanges(p: PortFacts, ranges: readonly EphemeralRange[]): Section {
  const items = ranges.map((e): Line => {
    const inside = e.first <= p.port && p.port <= e.last;
    const line: Line = [
      { t: "strong", text: e.system },
      { t: "text", text: ` ${e.first}–${e.last}${inside ? ` (includes ${p.port})` : ""}` },
    ];
    if (e.setting) line.push({ t: "text", text: " · " }, { t: "code", text: e.setting });
    line.push({ t: "text", text: " · " }, { t: "link", text: "source", url: e.source });
    return line;
  });
  return section(SECTION.ephemeralAll, { body: ephemeralSection(p).body, items });
}

function detailSections(
  p: PortFacts,
  which: DetailSection,
  ranges: readonly EphemeralRange[],
): Section[] {
  switch (which) {
    case "commands":
      return [checksSection(p)];
    case "uses": {
      const exposure = exposureSection(p);
      return [unofficialSection(p), ...(exposure ? [exposure] : [])];
    }
    case "details":
      return [ianaSection(p), rangeSection(p), ephemeralRanges(p, ranges), linksSection(p)];
  }
}

/**
 * `section` of the answer about `p`, for the person who asked for it alone: private, not rated,
 * with the other sections one click away and a button to share it in the channel. `ranges`: every
 * system's ephemeral range (the knowledge's), for the details.
 */
export function detailReply(
  p: PortFacts,
  which: DetailSection,
  ranges: readonly EphemeralRange[],
): Reply {
  return finish({
    kind: "ports",
    query: String(p.port),
    cards: [
      {
        title: `${portTitle(p)} · ${DETAIL_TITLE[which]}`,
        subtitle: null,
        port: p.port,
        sections: detailSections(p, which, ranges),
        more: moreLinks(p, which),
      },
    ],
    notes: [],
    ports: [p.port],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
    share: shareLink({ kind: "detail", port: p.port, section: which }),
  });
}
