// A listing too long for a Discord message (2,000 characters) arrives as an attached .txt file: the
// bot reads it, through real discord.js and the fake, and only what it should (text, small, from
// Discord's CDN or the configured API host).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, test } from "node:test";
import { MAX_ATTACHMENT_BYTES } from "../../../src/adapters/discord/attachments.ts";
import { messageCommandData, messagePayload } from "../../fakes/discord.ts";
import { callbackOf, type Harness, startHarness } from "./harness.ts";

const ASKER = { id: "800000000000000001", username: "asker" };
const SS = readFileSync(
  new URL("../../fixtures/listings/linux-ss-ltnp.txt", import.meta.url),
  "utf8",
);
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Mentions the bot with `attachments`; returns what the bot posted in the channel. */
async function mentionWith(harness: Harness, attachments: unknown[]): Promise<string> {
  const message = harness.fake.userMessage({
    author: ASKER,
    content: `<@${harness.fake.bot.id}> what is all this?`,
    mentions: [harness.fake.bot],
    attachments,
  });
  await harness.dispatchAndSettle("MESSAGE_CREATE", message);
  await harness.adapter.idle();
  return JSON.stringify(
    harness.fake.calls(/\/channels\/\d+\/messages$/, "POST").map((c) => c.body),
  );
}

test("a mention with a listing in message.txt is answered with the listing's table", async () => {
  h = await startHarness();
  const posted = await mentionWith(h, [h.fake.attachment("message.txt", SS)]);
  assert.match(posted, /sockets in that ss listing/);
  assert.match(posted, /127\.0\.0\.1:5432 +tcp +LISTEN +postgres \(pid 2205\) +PostgreSQL/);
  assert.equal(h.fake.calls(/^\/attachments\//, "GET").length, 1);
});

test("not read: an image, a file larger than the cap, or a file on any other host", async () => {
  h = await startHarness();
  const elsewhere = createServer((_req, res) => res.end(SS)).listen(0, "127.0.0.1");
  await new Promise((r) => elsewhere.once("listening", r));
  let foreignHits = 0;
  elsewhere.on("request", () => {
    foreignHits += 1;
  });
  try {
    const { port } = elsewhere.address() as AddressInfo;
    const posted = await mentionWith(h, [
      h.fake.attachment("screenshot.png", SS, { contentType: "image/png" }),
      h.fake.attachment("big.txt", SS, { size: MAX_ATTACHMENT_BYTES + 1 }),
      h.fake.attachment("message.txt", SS, { url: `http://localhost:${port}/message.txt` }),
    ]);
    assert.equal(h.fake.calls(/^\/attachments\//, "GET").length, 0);
    assert.equal(foreignHits, 0);
    assert.doesNotMatch(posted, /ss listing/);
    assert.match(posted, /I didn't spot a port number/, "the question still gets the usage hint");
  } finally {
    elsewhere.close();
  }
});

test("an attachment that cannot be read leaves the question answered from its text", async () => {
  h = await startHarness();
  h.fake.fail({ method: "GET", path: /^\/attachments\//, status: 500 });
  const message = h.fake.userMessage({
    author: ASKER,
    content: `<@${h.fake.bot.id}> and 5432?`,
    mentions: [h.fake.bot],
    attachments: [h.fake.attachment("message.txt", SS)],
  });
  await h.dispatchAndSettle("MESSAGE_CREATE", message);
  await h.adapter.idle();
  const posted = JSON.stringify(
    h.fake.calls(/\/channels\/\d+\/messages$/, "POST").map((c) => c.body),
  );
  assert.match(posted, /5432/);
  assert.doesNotMatch(posted, /ss listing/);
});

test("Explain ports on a message whose listing is an attached file explains the file", async () => {
  h = await startHarness();
  const target = messagePayload({
    channelId: "900000000000000097",
    author: ASKER,
    content: "",
    attachments: [h.fake.attachment("message.txt", SS)],
  });
  const payload = h.fake.sendInteraction(2, messageCommandData("Explain ports", target), {
    where: "private-channel",
  });
  await h.fake.waitForRequest(callbackOf(payload));
  await h.adapter.idle();
  const shown = JSON.stringify(h.fake.messages.get(`webhook:${payload.token}:@original`)?.embeds);
  assert.match(shown, /sockets in that ss listing/);
  assert.match(shown, /PostgreSQL/);
});
