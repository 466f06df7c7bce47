// A pasted socket listing: the time to answer a 50-socket `ss` listing (read, facts, the table),
// and rendered for Slack and Discord, against a one-port answer in the same run as the baseline.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bench } from "tinybench";
import { renderReply } from "../src/adapters/discord/embeds.ts";
import { renderMessage } from "../src/adapters/slack/blocks.ts";
import { loadPortbot } from "../src/core/portbot.ts";
import { ssListing } from "../test/support/listings.ts";

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "portbot-bench-"));
  try {
    const portbot = loadPortbot({ dataDir });
    // Real ports (22, 80, … from 1), so every row looks up IANA and the curated uses.
    const listing = ssListing(50, 1);
    const mustList = (text: string) => {
      const reply = portbot.listing(text);
      if (reply === null) throw new Error("not read as a listing");
      return reply;
    };
    const bench = new Bench({ time: 1000, warmup: true });
    bench
      .add("one port: what is 5432? (baseline)", () => {
        if (portbot.listing("what is 5432?") !== null) throw new Error("read as a listing");
        portbot.repliesForMessage("what is 5432?");
      })
      .add("listing: 50 sockets (ss)", () => {
        mustList(listing);
      })
      .add("listing: 50 sockets + Slack blocks", () => {
        renderMessage(mustList(listing));
      })
      .add("listing: 50 sockets + Discord embeds", () => {
        renderReply(mustList(listing));
      });
    await bench.run();
    const medians = bench.tasks.map((task) => {
      const r = task.result;
      return (r && "latency" in r ? r.latency.p50 : Number.NaN) ?? Number.NaN;
    });
    const [baseline = Number.NaN] = medians;
    bench.tasks.forEach((task, i) => {
      const ms = medians[i] ?? Number.NaN;
      const ratio = i === 0 ? "" : ` = ${(ms / baseline).toFixed(1)}× the one-port answer`;
      console.log(`${task.name.padEnd(42)} median ${(ms * 1000).toFixed(1)} µs${ratio}`);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
