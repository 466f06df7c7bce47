// Team notes: what a port's answer costs when the team has notes, against the same answer without
// them in the same run: in the core (notes given), and through the kit's flow with the notes read
// from a SQLite store holding 200 notes of the workspace (one read per question).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bench } from "tinybench";
import { repliesFor } from "../src/adapters/kit/flow.ts";
import { NOTE_LIMITS } from "../src/adapters/kit/notes.ts";
import type { Place } from "../src/adapters/kit/platform-port.ts";
import { loadPortbot } from "../src/core/portbot.ts";
import { openSqliteStore } from "../src/feedback/sqlite.ts";
import { createLogger } from "../src/logger.ts";

const NOTES = 200;

function medianMicros(bench: Bench, name: string): number {
  const r = bench.tasks.find((t) => t.name === name)?.result;
  const p50 = r && "latency" in r ? r.latency.p50 : Number.NaN;
  return (p50 ?? Number.NaN) * 1000;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "portbot-bench-notes-"));
  const store = await openSqliteStore(join(dir, "feedback.db"));
  try {
    await store.migrate();
    const portbot = loadPortbot({ dataDir: dir });
    const place: Place = {
      platform: "slack",
      workspace: "T1",
      channel: "C1",
      thread: null,
      asker: "U1",
    };
    const limits = { ...NOTE_LIMITS, changes: Number.MAX_SAFE_INTEGER };
    for (let i = 0; i < NOTES; i++) {
      const port = i < 3 ? 9000 : 10_000 + i;
      const text = `service ${i} owned by team ${i % 7}`;
      await store.addNote(
        {
          platform: "slack",
          workspace: "T1",
          first: port,
          last: port,
          protocol: null,
          text,
          author: `U${i}`,
          authorName: null,
          at: new Date(),
        },
        limits,
      );
    }
    const notes = await store.listNotes({ platform: "slack", workspace: "T1" });
    const deps = { portbot, store, logger: createLogger({ level: "silent" }) };
    const port = { memberOf: async () => true };
    const bench = new Bench({ time: 1000, warmup: true });
    bench
      .add("core: reply 9000, no notes", () => {
        portbot.reply("9000");
      })
      .add(`core: reply 9000, ${NOTES} notes (3 on it)`, () => {
        portbot.reply("9000", { notes });
      })
      .add("flow: /port 9000, no team (no store read)", async () => {
        await repliesFor({ surface: "command", text: "9000" }, deps, "react");
      })
      .add(`flow: /port 9000, notes read from SQLite`, async () => {
        await repliesFor({ surface: "command", text: "9000" }, deps, "react", { place, port });
      });
    await bench.run();
    const rows = bench.tasks.map((t) => [t.name, medianMicros(bench, t.name)] as const);
    for (const [name, us] of rows) console.log(`${name.padEnd(46)} median ${us.toFixed(1)} µs`);
    const [, base = 1] = rows[0] ?? [];
    const [, withNotes = 1] = rows[1] ?? [];
    const [, flowBase = 1] = rows[2] ?? [];
    const [, flowNotes = 1] = rows[3] ?? [];
    console.log(
      `notes in the core: ${(withNotes / base).toFixed(2)}× the plain reply; read from the store through the flow: ${(flowNotes / flowBase).toFixed(2)}× the flow without notes`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
