// Discord through the adapter contract: gateway dispatches from the fake to the real discord.js
// client; what the bot sent read back from the fake's REST (messages it holds, reactions PUT).

import { DISCORD_RATINGS, DISCORD_SEEDS } from "../../../src/adapters/discord/ratings.ts";
import { ratingFor } from "../../../src/adapters/kit/ratings.ts";
import type { Rating } from "../../../src/core/stats-model.ts";
import {
  dmChannelId,
  type FakeUser,
  interactionPayload,
  portCommandData,
  reactionPayload,
} from "../../fakes/discord.ts";
import { type Faults, faultyStore } from "../../support/stores.ts";
import type { AdapterDriver, Observed } from "../contract.ts";
import { startHarness } from "./harness.ts";

const ASKER: FakeUser = { id: "800000000000000001", username: "asker" };
const OTHER_BOT: FakeUser = { id: "800000000000000077", username: "otherbot", bot: true };
const EPHEMERAL = 64;

/** Embeds as a person reads them: every string in them, markdown escapes removed. */
function readable(embeds: unknown): string {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") strings.push(v.replace(/\\(.)/g, "$1"));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(embeds);
  return strings.join("\n");
}

let users = 0;
const userFor = (name: string, bot = false): FakeUser => ({
  id: `81${String(++users).padStart(16, "0")}`,
  username: name,
  bot,
});

export async function startDiscordDriver(): Promise<AdapterDriver> {
  const faults: Faults = { recordAnswer: false, stats: false };
  const editors: string[] = [];
  const h = await startHarness({
    notesEditors: editors,
    adapter: { maxRateLimitWaitMs: 1_000 },
    wrapStore: (s) => faultyStore(s, faults),
  });
  const { fake } = h;
  const channel = fake.channel(0);
  const dm = dmChannelId(ASKER.id);
  const voters = new Map<string, FakeUser>();

  const commandPayload = (text: string) =>
    interactionPayload({
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      channel,
      user: ASKER,
      type: 2,
      data: portCommandData(text),
    });
  const mentionAs = async (author: FakeUser, text: string) => {
    const message = fake.userMessage({
      author,
      content: `<@${fake.bot.id}> ${text}`,
      mentions: [fake.bot],
    });
    await h.dispatchAndSettle("MESSAGE_CREATE", message);
  };
  const seedsOf = (messageId: string): Rating[] =>
    fake
      .calls(new RegExp(`/messages/${messageId}/reactions/[^/]+/@me$`), "PUT")
      .map((r) =>
        ratingFor(DISCORD_RATINGS, decodeURIComponent(r.decodedPath.split("/").at(-2) ?? "")),
      )
      .filter((r): r is Rating => r !== null);
  /** Messages the bot sent, in order, by where they show. */
  const sent = (audience: "public" | "private"): Observed[] => {
    const out: Observed[] = [];
    for (const [key, m] of fake.messages) {
      if (key.startsWith("webhook:")) continue;
      if ((m.author as { id?: string } | undefined)?.id !== fake.bot.id) continue;
      // The bot's answers are embeds; a message "by the bot" without any is one a test wrote.
      if (!Array.isArray(m.embeds) || m.embeds.length === 0) continue;
      const isPrivate = ((Number(m.flags) || 0) & EPHEMERAL) === EPHEMERAL || m.channel_id === dm;
      if (isPrivate !== (audience === "private")) continue;
      const raw = JSON.stringify(m.embeds);
      out.push({ id: String(m.id), text: readable(m.embeds), raw, seeds: seedsOf(String(m.id)) });
    }
    return out;
  };

  return {
    name: "discord",
    scope: { platform: "discord", workspace: fake.guildId },
    editors,
    store: h.store,
    portbot: h.portbot,
    faults,
    idMarkup: `<@${ASKER.id}> <#${channel.id}> <@&900000000000000055> <t:1700000000:R> <:blob:900000000000000066>`,
    injection: "@everyone <@&123456789012345678> [free nitro](https://evil.example/x)",
    isLive: (text) => /(?<!\\)@everyone|\]\(https:\/\/evil|(?<!\\\\)<@&/.test(text),
    async command(text) {
      await h.dispatchAndSettle("INTERACTION_CREATE", commandPayload(text));
    },
    mention: (text) => mentionAs(ASKER, text),
    mentionFromBot: (text, who) => mentionAs(who === "self" ? fake.bot : OTHER_BOT, text),
    publicAnswers: async () => sent("public"),
    privateReplies: async () => sent("private"),
    async rate(answer, voter, rating, options = {}) {
      const key = `${voter}:${options.bot === true}`;
      const user = voters.get(key) ?? userFor(voter, options.bot === true);
      voters.set(key, user);
      const t = options.action === "removed" ? "MESSAGE_REACTION_REMOVE" : "MESSAGE_REACTION_ADD";
      const payload = reactionPayload({
        user,
        channelId: channel.id,
        messageId: answer.id,
        guildId: fake.guildId,
        emoji: DISCORD_SEEDS[rating],
        ...(t === "MESSAGE_REACTION_ADD"
          ? { messageAuthorId: fake.bot.id }
          : { withMember: false }),
      });
      const replay = options.delivery === undefined ? {} : { seq: Number(options.delivery) };
      return String(await h.dispatchAndSettle(t, payload, replay));
    },
    failNextPost(kind) {
      fake.fail({
        method: "POST",
        path: new RegExp(`/channels/${channel.id}/messages$`),
        ...(kind === "cannot-post"
          ? { status: 403, body: { message: "Missing Permissions", code: 50013 } }
          : {
              status: 429,
              body: { message: "You are being rate limited.", retry_after: 60, global: false },
            }),
      });
    },
    failingSurface: "mention",
    holdNextPost() {
      const isEdit = (r: { method: string; decodedPath: string }) =>
        r.method === "PATCH" && r.decodedPath.endsWith("/messages/@original");
      const before = fake.requests.filter(isEdit).length;
      const release = fake.hold("PATCH", /messages\/@original$/);
      const arrived = fake.waitForRequests(isEdit, before + 1).then(() => {});
      return { arrived, release };
    },
    commandNoWait(text) {
      fake.dispatch("INTERACTION_CREATE", commandPayload(text));
    },
    stop: () => h.adapter.stop(),
    close: () => h.close(),
  };
}
