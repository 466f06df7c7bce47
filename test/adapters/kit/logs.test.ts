import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { pino } from "pino";
import { createKit } from "../../../src/adapters/kit/index.ts";
import { testPortbot } from "../../support/portbot.ts";
import { recordingPort, TEST_PLACE } from "../../support/ports.ts";
import { faultyStore, tempStore } from "../../support/stores.ts";

test("every line logged while answering carries the interaction's id", async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  const temp = await tempStore();
  try {
    const store = faultyStore(temp.store, { recordAnswer: true, stats: false });
    const kit = createKit({
      portbot: testPortbot(),
      store,
      logger: pino({ level: "debug" }, sink),
    });
    await kit.answer(
      { surface: "command", text: "22", id: "slack:Ev123" },
      recordingPort(),
      TEST_PLACE,
    );
    const failed = lines.find((l) => String(l.msg).includes("recording the answer failed"));
    assert.ok(failed, "the failure was logged");
    assert.equal(failed.interaction, "slack:Ev123");
    assert.equal(failed.platform, "slack");
  } finally {
    await temp.close();
  }
});
