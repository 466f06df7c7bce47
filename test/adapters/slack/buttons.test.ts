// Buttons on Slack, over HTTP (signed, form-encoded `payload=`) and Socket Mode (`interactive`
// envelopes), against the real Bolt app: the rest of an answer goes to the clicker alone through
// response_url, private replies can be shared in the channel, and a click is answered by an app
// that never saw the answer (a restart, another replica).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeButton } from "../../../src/adapters/kit/buttons.ts";
import {
  blockActionsPayload,
  buttonsIn,
  type SlackButton,
  sendInteraction,
  sendSlashCommand,
  slashCommandFields,
} from "../../fakes/slack.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./harness.ts";

type Mode = "http" | "socket";

async function start(mode: Mode, answers: "inline" | "worker" = "inline"): Promise<Harness> {
  const h = await startHarness({ mode, skipAuthTest: true, app: { answers } });
  if (mode === "socket") await h.fake.waitForSocket();
  return h;
}

async function slash(h: Harness, mode: Mode, text: string): Promise<string> {
  const responseUrl = h.fake.responseUrl();
  const command = { text, response_url: responseUrl };
  if (mode === "http") await sendSlashCommand(h.url, SIGNING_SECRET, command);
  else await envelope(h, "slash_commands", slashCommandFields(command));
  await h.slack.idle();
  return responseUrl;
}

/**
 * Sends over Socket Mode once a connection is up: on a loaded machine the client can miss the
 * harness's short ping timeout and be reconnecting.
 */
async function envelope(h: Harness, type: "slash_commands" | "interactive", payload: unknown) {
  await h.fake.waitForSocket();
  await h.fake.sendEnvelope(type, payload);
}

/** Clicks as Slack delivers it; resolves once the app has finished with the click. */
async function click(h: Harness, mode: Mode, payload: Record<string, unknown>): Promise<void> {
  if (mode === "http") {
    const res = await sendInteraction(h.url, SIGNING_SECRET, payload);
    assert.equal(res.status, 200, "acked");
  } else {
    await envelope(h, "interactive", payload);
  }
  await h.slack.idle();
}

const flat = (v: unknown) =>
  JSON.stringify(v).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function lastAnswer(h: Harness) {
  const call = h.fake.callsTo("chat.postMessage").at(-1);
  assert.ok(call?.result, "an answer was posted");
  return { ts: String(call.result.ts), buttons: buttonsIn(call.args.blocks) };
}

function byLabel(buttons: SlackButton[], label: RegExp): SlackButton {
  const found = buttons.find((b) => label.test(b.text.text));
  assert.ok(found, `a button labelled ${label}: ${buttons.map((b) => b.text.text).join(", ")}`);
  return found;
}

for (const mode of ["http", "socket"] as const) {
  describe(`Slack buttons (${mode})`, () => {
    let h: Harness;
    before(async () => {
      h = await start(mode);
    });
    after(async () => {
      await h.close();
    });

    test("a one-port answer has Commands, All uses (N) and Details under it, within Block Kit's limits", async () => {
      await slash(h, mode, "8080");
      const { buttons } = lastAnswer(h);
      assert.deepEqual(
        buttons.map((b) => b.text.text.replace(/\(\d+\)/, "(N)")),
        ["Commands", "All uses (N)", "Details"],
      );
      for (const b of buttons) {
        assert.ok(b.text.text.length <= 75 && (b.value ?? "").length <= 2000);
        assert.ok(b.action_id.length <= 255);
        assert.equal(decodeButton(b.value)?.kind, "detail");
      }
      assert.equal(new Set(buttons.map((b) => b.action_id)).size, 3, "action_ids unique");
    });

    test("a click is answered to the clicker alone, and the public answer never grows", async () => {
      await slash(h, mode, "5432");
      const { ts, buttons } = lastAnswer(h);
      const posts = h.fake.callsTo("chat.postMessage").length;
      const responseUrl = h.fake.responseUrl();
      const before = h.fake.responses.length;
      await click(
        h,
        mode,
        blockActionsPayload(byLabel(buttons, /^Commands$/), responseUrl, { messageTs: ts }),
      );
      const [reply, ...more] = h.fake.responses.slice(before);
      assert.ok(reply, "answered on the click's response_url");
      assert.equal(more.length, 0);
      assert.ok(reply.id === responseUrl.split("/").at(-1));
      assert.equal(reply.body.response_type, "ephemeral");
      assert.equal(reply.body.replace_original, false);
      assert.match(flat(reply.body.blocks), /Commands to check it/);
      assert.match(flat(reply.body.blocks), /lsof -nP -iUDP:5432/, "UDP checks too");
      assert.equal(h.fake.callsTo("chat.postMessage").length, posts, "nothing posted publicly");
      assert.equal(h.fake.callsTo("chat.update").length, 0, "the answer is not edited");
      // The detail offers the other sections and sharing.
      const labels = buttonsIn(reply.body.blocks).map((b) => b.text.text);
      const uses = h.portbot.answer("5432").ports[0]?.unofficial.length;
      assert.deepEqual(labels, [`All uses (${uses})`, "Details", "Share in channel"]);
    });

    test("a forged or garbled button gets a clear private answer, and the app carries on", async () => {
      for (const value of ["pb1|d|99999|uses", "<!channel>", undefined]) {
        const responseUrl = h.fake.responseUrl();
        await click(
          h,
          mode,
          blockActionsPayload({ action_id: "portbot.details", value }, responseUrl),
        );
        const reply = h.fake.responses.find((r) => r.id === responseUrl.split("/").at(-1));
        assert.ok(reply, `answered: ${value}`);
        assert.equal(reply.body.response_type, "ephemeral");
        assert.match(flat(reply.body), /That button is no longer valid/);
      }
      await slash(h, mode, "22");
      assert.match(flat(h.fake.callsTo("chat.postMessage").at(-1)?.args), /Port 22/);
    });

    test("Share in channel posts a private reply publicly, unrated and unrecorded", async () => {
      const helpUrl = await slash(h, mode, "help");
      const help = h.fake.responses.find((r) => r.id === helpUrl.split("/").at(-1));
      assert.ok(help);
      const share = byLabel(buttonsIn(help.body.blocks), /^Share in channel$/);
      const posts = h.fake.callsTo("chat.postMessage").length;
      const reactions = h.fake.callsTo("reactions.add").length;
      const answers = (await h.store.stats()).answers;
      await click(
        h,
        mode,
        blockActionsPayload(share, h.fake.responseUrl(), {
          ephemeral: true,
          threadTs: "1700000000.5",
        }),
      );
      const shared = h.fake.callsTo("chat.postMessage").slice(posts);
      assert.equal(shared.length, 1, "posted once");
      assert.equal(shared[0]?.args.channel, "C0CHANNEL1");
      assert.equal(shared[0]?.args.thread_ts, "1700000000.5", "where the private reply was");
      assert.match(flat(shared[0]?.args.blocks), /what's on that port\?/);
      assert.equal(buttonsIn(shared[0]?.args.blocks).length, 0, "no share button of its own");
      assert.doesNotMatch(flat(shared[0]?.args), /Was this helpful/);
      assert.equal(h.fake.callsTo("reactions.add").length, reactions, "not seeded");
      assert.equal((await h.store.stats()).answers, answers, "not recorded");
    });

    test("a shared detail goes to the channel; sharing where the bot cannot post tells the clicker", async () => {
      await slash(h, mode, "5432");
      const details = byLabel(lastAnswer(h).buttons, /^Details$/);
      const url = h.fake.responseUrl();
      await click(h, mode, blockActionsPayload(details, url));
      const detail = h.fake.responses.find((r) => r.id === url.split("/").at(-1));
      const share = byLabel(buttonsIn(detail?.body.blocks), /^Share in channel$/);
      h.fake.fail("chat.postMessage", { error: "not_in_channel" });
      const failedUrl = h.fake.responseUrl();
      await click(h, mode, blockActionsPayload(share, failedUrl, { ephemeral: true }));
      const told = h.fake.responses.find((r) => r.id === failedUrl.split("/").at(-1));
      assert.match(flat(told?.body), /can't post in this conversation/);
      const posts = h.fake.callsTo("chat.postMessage").length;
      await click(h, mode, blockActionsPayload(share, h.fake.responseUrl(), { ephemeral: true }));
      const shared = h.fake.callsTo("chat.postMessage").slice(posts);
      assert.equal(shared.length, 1);
      assert.match(flat(shared[0]?.args.blocks), /Ephemeral ranges by system/);
    });
  });
}

test("a click is answered by an app that never saw the answer (restart, another replica)", async () => {
  const first = await start("http");
  let buttons: SlackButton[];
  try {
    await slash(first, "http", "6379");
    buttons = lastAnswer(first).buttons;
  } finally {
    await first.close();
  }
  // A new process: new app, new store, nothing in memory from the first.
  const second = await start("socket");
  try {
    const url = second.fake.responseUrl();
    await click(second, "socket", blockActionsPayload(byLabel(buttons, /^All uses/), url));
    const reply = second.fake.responses.find((r) => r.id === url.split("/").at(-1));
    assert.equal(reply?.body.response_type, "ephemeral");
    assert.match(flat(reply?.body.blocks), /Port 6379 .*All known uses/);
    assert.match(flat(reply?.body.blocks), /Redis/);
  } finally {
    await second.close();
  }
});

test("clicks are answered from the answer worker thread too", async () => {
  const h = await start("http", "worker");
  try {
    await slash(h, "http", "5432");
    await h.fake.waitForCalls("chat.postMessage");
    const { buttons } = lastAnswer(h);
    const url = h.fake.responseUrl();
    await click(h, "http", blockActionsPayload(byLabel(buttons, /^Details$/), url));
    const reply = await h.fake.waitUntil(
      () => h.fake.responses.find((r) => r.id === url.split("/").at(-1)),
      "the worker's answer to the click",
    );
    assert.equal(reply.body.response_type, "ephemeral");
    assert.match(flat(reply.body.blocks), /Ephemeral ranges by system/);
  } finally {
    await h.close();
  }
});
