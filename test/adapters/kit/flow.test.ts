import assert from "node:assert/strict";
import { test } from "node:test";
import { repliesFor } from "../../../src/adapters/kit/flow.ts";
import type { FeedbackStore } from "../../../src/feedback/types.ts";
import { testLogger } from "../../support/config.ts";
import { listingFixture } from "../../support/listings.ts";
import { testPortbot } from "../../support/portbot.ts";

// A listing is answered before the store is asked anything: no store call is expected here.
const deps = {
  portbot: testPortbot(),
  store: {} as FeedbackStore,
  logger: testLogger(),
};

test("a pasted listing is one table on either surface, before anything else", async () => {
  for (const surface of ["message", "command"] as const) {
    const replies = await repliesFor({ surface, text: listingFixture("linux-lsof") }, deps);
    assert.equal(replies.length, 1, surface);
    assert.equal(replies[0]?.kind, "listing");
  }
});

test("the team's notes, when given, lead the listing's “most likely” column", async () => {
  const text = listingFixture("linux-ss-ltnp");
  const notes = (port: number) => (port === 9000 ? "payments API (staging)" : null);
  const [withNotes] = await repliesFor({ surface: "message", text }, deps, "react", notes);
  const [without] = await repliesFor({ surface: "message", text }, deps, "react");
  assert.match(withNotes?.text ?? "", /^\s+127\.0\.0\.1:9000 .*team: payments API \(staging\)$/m);
  assert.doesNotMatch(without?.text ?? "", /team: payments/);
});
