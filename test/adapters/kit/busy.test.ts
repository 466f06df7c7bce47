import assert from "node:assert/strict";
import { test } from "node:test";
import { createKit } from "../../../src/adapters/kit/index.ts";
import { testLogger } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
import { recordingPort, TEST_PLACE } from "../../support/ports.ts";
import { tempStore } from "../../support/stores.ts";
import { eventually } from "../../support/wait.ts";

test("work in flight is bounded: past the limit the asker is told the bot is busy", async () => {
  const temp = await tempStore();
  try {
    const kit = createKit(
      { portbot: testPortbot(), store: temp.store, logger: testLogger() },
      "test",
      { maxInFlight: 1 },
    );
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const first = recordingPort({ hold: held });
    const second = recordingPort();
    const place = TEST_PLACE;
    assert.ok(kit.answerLater({ surface: "command", text: "22" }, first, place));
    await eventually(() => kit.work.size === 1, "the first answer in flight");
    assert.ok(kit.answerLater({ surface: "command", text: "80" }, second, place));
    await eventually(() => second.privately.length === 1, "the second refused");
    assert.match(second.privately[0]?.text ?? "", /answering a lot of questions at once/);
    release();
    await kit.work.idle();
    assert.equal((await temp.store.stats()).answers, 1, "the first one was answered and recorded");
  } finally {
    await temp.close();
  }
});
