// The terminal reads a line at a time, but a pasted socket listing is many lines that belong
// together. Lines that arrive in the same burst as the line before them (a paste, or a piped
// file) and could be part of a listing are joined to it, so `@portbot what is this?` followed by
// an `ss` paste is one question. A line typed later, or one that cannot be part of a listing,
// starts a new question; nothing waits on a timer.
import { setImmediate as nextTurn } from "node:timers/promises";

/** Joins each line with the listing lines pasted right after it. */
export async function* pasted(
  lines: AsyncIterable<string>,
  continues: (line: string) => boolean,
): AsyncGenerator<string> {
  const it = lines[Symbol.asyncIterator]();
  /** A read still waiting for input: taken up again after the joined text is answered. */
  let pending: Promise<IteratorResult<string>> | null = null;
  /** A line read with the burst that did not belong to it: the next question. */
  let carried: IteratorResult<string> | null = null;
  for (;;) {
    const first = carried ?? (await (pending ?? it.next()));
    carried = null;
    pending = null;
    if (first.done === true) return;
    let text = first.value;
    for (;;) {
      const next = it.next();
      // Read with this burst: the iterator's queue answers before the next event-loop turn.
      const more = await Promise.race([next, nextTurn().then(() => null)]);
      if (more === null) {
        pending = next;
        break;
      }
      if (more.done === true || !continues(more.value)) {
        carried = more;
        break;
      }
      text = `${text}\n${more.value}`;
    }
    yield text;
  }
}
