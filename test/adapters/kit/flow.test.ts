import assert from "node:assert/strict";
import { test } from "node:test";
import { repliesFor } from "../../../src/adapters/kit/flow.ts";
import { teamNoteLookup } from "../../../src/core/listing/answer.ts";
import type { TeamNote } from "../../../src/core/notes/model.ts";
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

test("the team's live notes lead the listing's “most likely” column: the closest note first", () => {
  const note = (first: number, last: number, text: string, day: number): TeamNote => ({
    id: day,
    first,
    last,
    protocol: null,
    text,
    author: "U1",
    authorName: null,
    at: new Date(2026, 0, day),
  });
  const lookup = teamNoteLookup([
    note(9000, 9100, "internal services", 3),
    note(9000, 9000, "payments API (staging)", 1),
  ]);
  assert.equal(lookup(9000, "tcp"), "payments API (staging)");
  assert.equal(lookup(9050, "udp"), "internal services");
  assert.equal(lookup(22, "tcp"), null);
  const [reply] = [deps.portbot.listing(listingFixture("linux-ss-ltnp"), { notes: lookup })];
  assert.match(reply?.text ?? "", /^\s+127\.0\.0\.1:9000 .*team: payments API \(staging\)$/m);
});
