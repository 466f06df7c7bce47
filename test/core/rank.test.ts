import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compareUses, rankUses } from "../../src/core/rank.ts";
import type { UnofficialUse } from "../../src/core/types.ts";
import { portbot } from "./fixture.ts";

function use(name: string, over: Partial<UnofficialUse> = {}): UnofficialUse {
  return {
    name,
    aliases: [],
    first: 8080,
    last: 8080,
    protocols: ["tcp"],
    description: name,
    confidence: "community-reported",
    source: `https://example.com/${encodeURIComponent(name)}`,
    category: "development",
    prominence: 3,
    ...over,
  };
}

const names = (uses: UnofficialUse[]) => uses.map((u) => u.name);

describe("rankUses", () => {
  test("an exact port before any range, a narrower range before a wider one", () => {
    const uses = [
      use("whole dynamic range", { first: 49152, last: 65535, prominence: 5 }),
      use("narrow range", { first: 60000, last: 61000, prominence: 1 }),
      use("exact", { first: 60876, last: 60876, prominence: 1 }),
    ];
    assert.deepEqual(names(rankUses(60876, uses)), [
      "exact",
      "narrow range",
      "whole dynamic range",
    ]);
  });

  test("on the same span: vendor-documented first, then higher prominence, then name", () => {
    const uses = [
      use("b obscure", { prominence: 1 }),
      use("z famous", { prominence: 5 }),
      use("a famous", { prominence: 5 }),
      use("vendor niche", { prominence: 2, confidence: "vendor-documented" }),
    ];
    assert.deepEqual(names(rankUses(8080, uses)), [
      "vendor niche",
      "a famous",
      "z famous",
      "b obscure",
    ]);
  });

  test("keeps only the uses that cover the port, and leaves its input alone", () => {
    const uses = [use("elsewhere", { first: 9000, last: 9000 }), use("b"), use("a")];
    const before = names(uses);
    assert.deepEqual(names(rankUses(8080, uses)), ["a", "b"]);
    assert.deepEqual(names(uses), before);
  });

  test("the order does not depend on the file's order", () => {
    const uses = [
      use("x", { prominence: 4 }),
      use("y", { prominence: 2, confidence: "vendor-documented" }),
      use("r", { first: 8000, last: 8100 }),
      use("w", { prominence: 4 }),
    ];
    const expected = names(rankUses(8080, uses));
    for (let i = 0; i < 10; i++) {
      const shuffled = [...uses].sort(() => Math.random() - 0.5);
      assert.deepEqual(names(rankUses(8080, shuffled)), expected);
    }
    assert.equal(compareUses(use("a"), use("a")), 0);
  });
});

describe("the answer lists uses in rank order", () => {
  test("60876: Mosh's narrow range before Apple Xsan's whole dynamic range, ranked 1 and 2", () => {
    const p = portbot.answer("60876").ports[0];
    assert.deepEqual(
      p?.unofficial.map((u) => [u.rank, u.name]),
      [
        [1, "Mosh"],
        [2, "Apple Xsan"],
      ],
    );
    assert.equal(p?.unofficial[0]?.prominence, 4);
    assert.equal(p?.unofficial[0]?.category, "remote-access");
  });
});
