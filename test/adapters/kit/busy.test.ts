import assert from "node:assert/strict";
import { test } from "node:test";
import { createKit } from "../../../src/adapters/kit/index.ts";
import type { PlatformPort } from "../../../src/adapters/kit/platform-port.ts";
import type { Reply } from "../../../src/core/reply-model.ts";
import { testLogger } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
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
    const privately: Reply[] = [];
    const port = (hold: boolean): PlatformPort => ({
      capabilities: { privateReplies: true, ratings: null },
      postPublic: async () => {
        if (hold) await held;
        return { channel: "C", messageId: String(Math.random()) };
      },
      sendPrivate: async (replies) => {
        privately.push(...replies);
      },
      react: async () => {},
      classify: () => "other",
    });
    const place = {
      platform: "shell",
      workspace: "local",
      channel: "c",
      thread: null,
      asker: "u",
    } as const;
    assert.ok(kit.answerLater({ surface: "command", text: "22" }, port(true), place));
    await eventually(() => kit.work.size === 1, "the first answer in flight");
    assert.ok(kit.answerLater({ surface: "command", text: "80" }, port(false), place));
    await eventually(() => privately.length === 1, "the second refused");
    assert.match(privately[0]?.text ?? "", /answering a lot of questions at once/);
    release();
    await kit.work.idle();
    assert.equal((await temp.store.stats()).answers, 1, "the first one was answered and recorded");
  } finally {
    await temp.close();
  }
});
