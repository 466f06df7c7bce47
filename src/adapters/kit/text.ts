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

/**
 * A table's lines (header first) in chunks that each fit `max` characters once `overhead` (a code
 * fence) is added, the header repeated at the top of every chunk so each reads on its own.
 */
export function tableChunks(lines: readonly string[], max: number, overhead: number): string[][] {
  const [header = "", ...rows] = lines;
  const chunks: string[][] = [];
  let current: string[] = [header];
  let size = overhead + header.length;
  for (const raw of rows) {
    const line = sliceUnits(raw, max - overhead - header.length - 2);
    if (current.length > 1 && size + 1 + line.length > max) {
      chunks.push(current);
      current = [header];
      size = overhead + header.length;
    }
    current.push(line);
    size += 1 + line.length;
  }
  if (current.length > 1 || rows.length === 0) chunks.push(current);
  return chunks;
}
