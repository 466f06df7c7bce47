// Slack (HTTP or Socket Mode) through the adapter contract: requests signed or enveloped as Slack
// sends them, to the real Bolt app; what the bot sent read back from the fake Web API.
import { ratingFor } from "../../../src/adapters/kit/ratings.ts";
import { SLACK_RATINGS, SLACK_SEEDS } from "../../../src/adapters/slack/ratings.ts";
import type { Rating } from "../../../src/core/stats-model.ts";
import {
  type ApiCall,
  appMentionEvent,
  eventCallback,
  FAKE_BOT_USER_ID,
  FAKE_TEAM_ID,
  reactionEvent,
  sendEvent,
  sendSlashCommand,
  slashCommandFields,
} from "../../fakes/slack.ts";
import { type Faults, faultyStore } from "../../support/stores.ts";
import type { AdapterDriver, Observed } from "../contract.ts";
import { SIGNING_SECRET, startHarness } from "./harness.ts";

/** Block Kit as a person reads it: Slack's three entities decoded. */
const readable = (raw: string) =>
  raw.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

let events = 0;
const eventId = () => `Ev0CONTRACT${String(++events).padStart(5, "0")}`;

export async function startSlackDriver(mode: "http" | "socket"): Promise<AdapterDriver> {
  const faults: Faults = { recordAnswer: false, stats: false };
  const editors: string[] = [];
  const h = await startHarness({
    mode,
    notesEditors: editors,
    skipAuthTest: true,
    wrapStore: (s) => faultyStore(s, faults),
  });
  if (mode === "socket") await h.fake.waitForSocket();
  const { fake } = h;

  const deliver = async (envelope: Record<string, unknown>) => {
    if (mode === "http") await sendEvent(h.url, SIGNING_SECRET, envelope);
    else await fake.sendEnvelope("events_api", envelope);
  };
  const sendCommand = async (text: string) => {
    const command = { text, response_url: fake.responseUrl() };
    if (mode === "http") await sendSlashCommand(h.url, SIGNING_SECRET, command);
    else await fake.sendEnvelope("slash_commands", slashCommandFields(command));
  };
  const mention = async (text: string, who: { user?: string; bot_id?: string } = {}) => {
    await deliver(
      eventCallback(
        { ...appMentionEvent(`<@${FAKE_BOT_USER_ID}> ${text}`, who), ...who },
        { eventId: eventId() },
      ),
    );
    await h.slack.idle();
  };
  const seedsOf = (ts: string): Rating[] =>
    fake
      .callsTo("reactions.add")
      .filter((c) => c.args.timestamp === ts)
      .map((c) => ratingFor(SLACK_RATINGS, String(c.args.name)))
      .filter((r): r is Rating => r !== null);
  const posted = (c: ApiCall): Observed => {
    const ts = String(c.result?.ts ?? "");
    const raw = JSON.stringify(c.args);
    return { id: ts, text: readable(raw), raw, seeds: seedsOf(ts) };
  };

  return {
    name: `slack (${mode})`,
    scope: { platform: "slack", workspace: FAKE_TEAM_ID },
    editors,
    store: h.store,
    portbot: h.portbot,
    faults,
    idMarkup:
      "<@U0123456789> <#C0123456789|general> <!subteam^S0123456789|@team> <!date^1700000000^{date}|x>",
    injection: "<!channel> <https://evil.example|click> @everyone",
    isLive: (text) =>
      /<!(channel|everyone|here)>|<https?:\/\/evil|@(everyone|here|channel)\b/.test(text),
    async command(text) {
      await sendCommand(text);
      await h.slack.idle();
    },
    mention: (text) => mention(text),
    mentionFromBot: (text, who) =>
      mention(
        text,
        who === "self" ? { user: FAKE_BOT_USER_ID } : { user: "U0OTHERBOT", bot_id: "B0OTHERBOT" },
      ),
    publicAnswers: async () =>
      fake
        .callsTo("chat.postMessage")
        .filter((c) => c.result)
        .map(posted),
    async privateReplies() {
      const ephemeral = fake
        .callsTo("chat.postEphemeral")
        .map((c) => ({ order: c.order, text: JSON.stringify(c.args) }));
      const responses = fake.responses.map((r) => ({
        order: r.order,
        text: JSON.stringify(r.body),
      }));
      return [...ephemeral, ...responses]
        .sort((a, b) => a.order - b.order)
        .map((r) => ({ id: "", text: readable(r.text), raw: r.text, seeds: [] }));
    },
    async rate(answer, voter, rating, options = {}) {
      if (options.bot) fake.bots.add(voter);
      const id = options.delivery ?? eventId();
      const event = reactionEvent(
        options.action ?? "added",
        SLACK_SEEDS[rating],
        {
          channel: "C0CHANNEL1",
          ts: answer.id,
        },
        voter,
      );
      await deliver(eventCallback(event, { eventId: id }));
      await h.slack.idle();
      return id;
    },
    failNextPost(kind) {
      if (kind === "cannot-post") fake.fail("chat.postMessage", { error: "not_in_channel" });
      else fake.fail("chat.postMessage", { status: 429, retryAfter: 0 }, 3);
    },
    failingSurface: "command",
    holdNextPost() {
      const before = fake.callsTo("chat.postMessage").length;
      const release = fake.hold("chat.postMessage");
      const arrived = fake.waitForCalls("chat.postMessage", before + 1).then(() => {});
      return { arrived, release };
    },
    commandNoWait(text) {
      void sendCommand(text);
    },
    stop: () => h.slack.stop(),
    close: () => h.close(),
  };
}
