import assert from "node:assert/strict";
import { test } from "node:test";
import { withStats } from "../../src/adapters/with-stats.ts";
import type { FeedbackStats } from "../../src/core/stats-model.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";
import { portbot } from "../core/fixture.ts";

const figures: FeedbackStats = {
  since: null,
  answers: 7,
  overall: { helpful: 2, confusing: 0, notHelpful: 1, votes: 3, helpfulShare: 2 / 3 },
  byPlatform: [],
  byPort: [],
  leastHelpful: [],
};

function countingStore(): FeedbackStore & { calls: number } {
  const store = {
    calls: 0,
    stats: async () => {
      store.calls++;
      return figures;
    },
  };
  return store as unknown as FeedbackStore & { calls: number };
}

test("a stats placeholder is replaced by the store's figures in the core's words", async () => {
  const store = countingStore();
  const [ports, stats] = await withStats(
    [portbot.reply("22"), portbot.reply("stats")],
    portbot,
    store,
  );
  assert.equal(ports?.kind, "ports");
  assert.deepEqual(stats, portbot.stats(figures));
  assert.match(stats?.text ?? "", /7 answers and 3 votes/);
  assert.equal(store.calls, 1);
});

test("without a stats reply the store is not asked", async () => {
  const store = countingStore();
  const replies = [portbot.reply("22")];
  assert.equal(await withStats(replies, portbot, store), replies);
  assert.equal(store.calls, 0);
});
