// Cutting text for a platform's limits without breaking a character: a cut in the middle of a
// surrogate pair leaves a lone surrogate, which renders as garbage or is refused outright.

/** At most `max` code points (Discord's autocomplete limits count characters). */
export function clipCodePoints(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max).join("") : s;
}

/** At most `max` UTF-16 units, never ending on half a surrogate pair. */
export function sliceUnits(s: string, max: number): string {
  let cut = s.slice(0, Math.max(0, max));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}
