// The in-memory registry: records in registry order plus a per-port table of record indices, built
// once, so recordsFor(port) is two array reads and a short copy (the core's numeric answer budget
// is 20 µs in total).
import type { IanaRecord, Registry, RegistrySource } from "../types.ts";
import { MAX_PORT } from "../types.ts";

const SLOTS = MAX_PORT + 1;

/**
 * Builds a Registry over `records` (kept as given: registry order). A range row is indexed under
 * every port it covers (IANA's 756 ranges cover ~30,000 port slots, a few hundred KB of Int32s).
 * Records outside 0–65535 or with first > last are never returned by recordsFor.
 */
export function createRegistry(
  source: RegistrySource,
  records: readonly IanaRecord[],
  updated: string | null,
): Registry {
  // Compressed rows: indices of the records covering port p are idx[start[p] .. start[p+1]).
  const start = new Int32Array(SLOTS + 1);
  for (const r of records) {
    if (!(r.first >= 0 && r.last <= MAX_PORT && r.first <= r.last)) continue;
    for (let p = r.first; p <= r.last; p++) start[p + 1] = (start[p + 1] as number) + 1;
  }
  for (let p = 0; p < SLOTS; p++) start[p + 1] = (start[p + 1] as number) + (start[p] as number);
  const idx = new Int32Array(start[SLOTS] ?? 0);
  const fill = start.slice(0, SLOTS);
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as IanaRecord;
    if (!(r.first >= 0 && r.last <= MAX_PORT && r.first <= r.last)) continue;
    // Records are visited in order, so each port's list stays in registry order.
    for (let p = r.first; p <= r.last; p++) {
      const at = fill[p] as number;
      idx[at] = i;
      fill[p] = at + 1;
    }
  }

  const frozen = Object.freeze(records.slice());
  return {
    source,
    updated,
    records: frozen,
    recordsFor(port: number): IanaRecord[] {
      if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) return [];
      const from = start[port] as number;
      const to = start[port + 1] as number;
      const out: IanaRecord[] = new Array(to - from);
      for (let k = from; k < to; k++) out[k - from] = frozen[idx[k] as number] as IanaRecord;
      return out;
    },
  };
}
