// Button ids (kit/buttons.ts) and clicks answered through the kit (kit/clicks.ts), on a recording
// platform port: the same for every adapter with buttons.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  type ButtonAction,
  decodeButton,
  encodeButton,
  moreButtons,
  shareButton,
} from "../../../src/adapters/kit/buttons.ts";
import { createKit, type Kit, type Telemetry } from "../../../src/adapters/kit/index.ts";
import { DETAIL_SECTIONS } from "../../../src/core/reply-model.ts";
import type { FeedbackStore } from "../../../src/feedback/types.ts";
import { createMetrics } from "../../../src/ops/metrics.ts";
import { testLogger } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
import { recordingPort, TEST_PLACE } from "../../support/ports.ts";
import { tempStore } from "../../support/stores.ts";

const action = fc.oneof(
  fc.record({
    kind: fc.constant("detail" as const),
    port: fc.integer({ min: 0, max: 65535 }),
    section: fc.constantFrom(...DETAIL_SECTIONS),
  }),
  fc.record({
    kind: fc.constant("share" as const),
    source: fc.oneof(
      fc.record({
        kind: fc.constant("detail" as const),
        port: fc.integer({ min: 0, max: 65535 }),
        section: fc.constantFrom(...DETAIL_SECTIONS),
      }),
      fc.record({ kind: fc.constant("query" as const), query: fc.string({ minLength: 1 }) }),
    ),
  }),
) as fc.Arbitrary<ButtonAction>;

describe("button ids", () => {
  test("every action survives the round trip through its id", () => {
    fc.assert(
      fc.property(action, (a) => {
        // fast-check's records have no prototype; compare plain data.
        assert.deepEqual(decodeButton(encodeButton(a)), structuredClone(a));
      }),
    );
  });

  test("a detail id fits every platform's limit (Discord's custom_id: 100)", () => {
    const id = encodeButton({ kind: "detail", port: 65535, section: "commands" });
    assert.ok(id.length <= 100, id);
  });

  test("forged, garbled and foreign ids are read as nothing, never as a wrong action", () => {
    for (const id of [
      "",
      "pb1",
      "pb1|d|70000|uses",
      "pb1|d|-1|uses",
      "pb1|d|22|everything",
      "pb1|d|22",
      "pb1|d|22|uses|extra",
      "pb1|d|0x16|uses",
      "pb1|q|",
      "pb0|d|22|uses",
      "pb2|d|22|uses",
      `pb1|q|${"x".repeat(501)}`,
      "x".repeat(5000),
      '{"port":22}',
      undefined,
      null,
      22,
      { port: 22 },
    ]) {
      assert.equal(decodeButton(id), null, String(id).slice(0, 40));
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        const read = decodeButton(s);
        // Whatever random text reads as, it is exactly what it encodes to.
        if (read !== null) assert.equal(encodeButton(read), s);
      }),
    );
  });

  test("a share button is left off where its id would not fit", () => {
    const share = { label: "Share in channel", source: { kind: "query" as const, query: "q" } };
    assert.equal(shareButton(share, 100)?.id, "pb1|q|q");
    const long = { ...share, source: { kind: "query" as const, query: "x".repeat(200) } };
    assert.equal(shareButton(long, 100), null);
    assert.ok(shareButton(long, 2000));
    assert.equal(shareButton(null, 100), null);
  });

  test("buttons under a card carry the port and the section, labelled with the port when apart", () => {
    const more = testPortbot().reply("8080").cards[0]?.more ?? [];
    const [commands] = moreButtons(8080, more);
    assert.deepEqual(decodeButton(commands?.id), {
      kind: "detail",
      port: 8080,
      section: "commands",
    });
    assert.equal(commands?.label, "Commands");
    assert.equal(moreButtons(8080, more, true)[0]?.label, "8080 · Commands");
  });
});

function counting(): Telemetry & { clicks: string[] } {
  const clicks: string[] = [];
  return {
    clicks,
    answered() {},
    voted() {},
    clicked: (platform, section) => void clicks.push(`${platform}:${section}`),
    handled() {},
    failed() {},
    watchQueue() {},
  };
}

/** A kit on a temp store (closed after `run`), with `telemetry` when given. */
async function withKit(
  telemetry: Telemetry | undefined,
  run: (kit: Kit, store: FeedbackStore) => Promise<void>,
): Promise<void> {
  const temp = await tempStore();
  try {
    const ctx = { portbot: testPortbot(), store: temp.store, logger: testLogger() };
    await run(createKit(telemetry === undefined ? ctx : { ...ctx, telemetry }), temp.store);
  } finally {
    await temp.close();
  }
}

describe("clicks through the kit", () => {
  test("a detail goes to the clicker alone; a share is posted, unrated and unrecorded", async () => {
    const telemetry = counting();
    await withKit(telemetry, async (kit, store) => {
      const port = recordingPort();
      const detail = encodeButton({ kind: "detail", port: 5432, section: "uses" });
      await kit.click({ button: detail }, port, TEST_PLACE);
      assert.equal(port.posted.length, 0);
      assert.match(port.privately[0]?.text ?? "", /All known uses/);

      const share = encodeButton({ kind: "share", source: { kind: "query", query: "help" } });
      const report = await kit.click({ button: share }, port, TEST_PLACE);
      assert.equal(report?.posted, 1);
      assert.equal(port.posted[0]?.kind, "help");
      assert.equal(port.posted[0]?.visibility, "public");
      assert.equal(port.posted[0]?.ratingPrompt, null);
      assert.equal((await store.stats()).answers, 0, "a shared reply is not rated");

      await kit.click({ button: "pb1|d|99999|uses" }, port, TEST_PLACE);
      await kit.click({ button: undefined }, port, TEST_PLACE);
      const invalid = port.privately.slice(1);
      assert.equal(invalid.length, 2);
      for (const r of invalid) assert.match(r.text, /That button is no longer valid/);
    });
    assert.deepEqual(telemetry.clicks, [
      "slack:uses",
      "slack:share",
      "slack:invalid",
      "slack:invalid",
    ]);
  });

  test("sharing stats reads the figures from the store", async () => {
    await withKit(undefined, async (kit) => {
      const port = recordingPort();
      await kit.answer({ surface: "command", text: "22" }, port, TEST_PLACE);
      const share = encodeButton({ kind: "share", source: { kind: "query", query: "stats" } });
      await kit.click({ button: share }, port, TEST_PLACE);
      assert.match(port.posted.at(-1)?.text ?? "", /1 answer and 0 votes/);
    });
  });

  test("where a platform has no buttons, replies reach it without them", async () => {
    await withKit(undefined, async (kit) => {
      const without = recordingPort({ buttons: false });
      await kit.answer({ surface: "command", text: "5432" }, without, TEST_PLACE);
      await kit.answer({ surface: "command", text: "help" }, without, TEST_PLACE);
      assert.deepEqual(without.posted[0]?.cards[0]?.more, []);
      assert.equal(without.privately[0]?.share, null);
      const withButtons = recordingPort();
      await kit.answer({ surface: "command", text: "5432" }, withButtons, TEST_PLACE);
      assert.equal(withButtons.posted[0]?.cards[0]?.more.length, 3);
    });
  });
});

test("clicks are counted in portbot_clicks_total, by platform and section", async () => {
  const metrics = createMetrics();
  await withKit(metrics.telemetry, async (kit) => {
    const port = recordingPort();
    const commands = encodeButton({ kind: "detail", port: 22, section: "commands" });
    await kit.click({ button: commands }, port, TEST_PLACE);
    await kit.click({ button: commands }, port, TEST_PLACE);
    await kit.click({ button: "garbage" }, port, TEST_PLACE);
  });
  const text = await metrics.registry.metrics();
  assert.match(text, /portbot_clicks_total\{platform="slack",section="commands"\} 2/);
  assert.match(text, /portbot_clicks_total\{platform="slack",section="invalid"\} 1/);
  assert.match(text, /portbot_handler_seconds_count\{platform="slack",surface="button"\} 3/);
});
