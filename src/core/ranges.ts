import { MAX_PORT, type RangeName } from "./types.ts";

/** RFC 6335 §6 */
export const IANA_RANGES: readonly { name: RangeName; first: number; last: number }[] = [
  { name: "well-known", first: 0, last: 1023 },
  { name: "registered", first: 1024, last: 49151 },
  { name: "dynamic", first: 49152, last: MAX_PORT },
];

export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_PORT;
}

export function rangeOf(port: number): RangeName {
  if (port <= 1023) return "well-known";
  if (port <= 49151) return "registered";
  return "dynamic";
}

export function rangesTouched(first: number, last: number): RangeName[] {
  return IANA_RANGES.filter((r) => r.first <= last && r.last >= first).map((r) => r.name);
}
