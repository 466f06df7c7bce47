// Which curated use is most likely the thing on a port. Pure: the same uses always come out in the
// same order, whatever order the data file lists them in.
import type { UnofficialUse } from "./types.ts";

type Rankable = Pick<UnofficialUse, "name" | "first" | "last" | "confidence" | "prominence">;

const CONFIDENCE_ORDER = { "vendor-documented": 0, "community-reported": 1 } as const;

/**
 * Orders two uses of one port: a narrower span first (an exact port before any range, 60000–61000
 * before 49152–65535), then vendor-documented before community-reported, then higher prominence,
 * then by name, so ties are stable.
 */
export function compareUses(a: Rankable, b: Rankable): number {
  return (
    a.last - a.first - (b.last - b.first) ||
    CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] ||
    b.prominence - a.prominence ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** The uses that cover `port`, most likely first (see compareUses). Does not change `uses`. */
export function rankUses<T extends Rankable>(port: number, uses: readonly T[]): T[] {
  return uses.filter((u) => u.first <= port && port <= u.last).sort(compareUses);
}
