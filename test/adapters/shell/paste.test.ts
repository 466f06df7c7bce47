import assert from "node:assert/strict";
import { test } from "node:test";
import { pasted } from "../../../src/adapters/shell/paste.ts";

const isRow = (line: string) => line.startsWith("row");

/** Lines given in bursts: each burst is read at once, the next only after a turn of the loop. */
async function* bursts(...groups: string[][]): AsyncGenerator<string> {
  for (const group of groups) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    yield* group;
  }
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const text of pasted(lines, isRow)) out.push(text);
  return out;
}

test("listing lines pasted with a line are joined to it; a line that is not one starts anew", async () => {
  assert.deepEqual(await collect(bursts(["ask", "row 1", "row 2", "other", "row 3"])), [
    "ask\nrow 1\nrow 2",
    "other\nrow 3",
  ]);
});

test("a line typed later is its own question, even when it looks like a listing line", async () => {
  assert.deepEqual(await collect(bursts(["ask", "row 1"], ["row 2"], ["5432"])), [
    "ask\nrow 1",
    "row 2",
    "5432",
  ]);
});
