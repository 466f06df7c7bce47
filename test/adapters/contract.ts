// The adapter contract: what every adapter (shell, Slack over HTTP and Socket Mode, Discord) must
// do, run through a small driver per adapter against the real framework and the loopback fakes.
// A case that a platform cannot express (a terminal has no other bots, no failed posts) is not
// registered for it: the capabilities passed with the driver say which apply.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Portbot } from "../../src/core/portbot-api.ts";
import type { Rating } from "../../src/core/stats-model.ts";
import type { FeedbackStore, NoteScope } from "../../src/feedback/types.ts";
import type { Faults } from "../support/stores.ts";
import { eventually } from "../support/wait.ts";

/** Something the bot sent, as the platform shows it. */
export interface Observed {
  /** The platform's message id (what an answer is recorded under), or "" when none. */
  id: string;
  /** Every text it shows, as a person reads it (markup escapes removed), flattened. */
  text: string;
  /** What was sent, as sent (for "is the injected markup inert" checks). */
  raw: string;
  /** Ratings of the reactions the bot seeded on it, in order. */
  seeds: Rating[];
}

export interface DriverCapabilities {
  /** People rate by reacting (and may withdraw a reaction); false: ratings are typed. */
  reactions: boolean;
  /** Other bots exist on the platform (their messages and reactions must be ignored). */
  otherBots: boolean;
  /** The platform can refuse or rate-limit a post (then the failure policy applies). */
  failingPosts: boolean;
  /** Deliveries carry ids and can be repeated by the platform (retries, replays). */
  redelivery: boolean;
}

export interface AdapterDriver {
  readonly name: string;
  readonly store: FeedbackStore;
  readonly portbot: Portbot;
  /** Switch store faults on and off (the store the adapter runs on). */
  readonly faults: Faults;
  /** Whose notes the asker's questions see (the driver's workspace or guild). */
  readonly scope: NoteScope;
  /** NOTES_EDITORS of the running adapter; tests change it in place and empty it again. */
  readonly editors: string[];
  /** `/port <text>`; resolves when the adapter has finished with it. */
  command(text: string): Promise<void>;
  /** Free text addressed to the bot (a mention), in the platform's own markup. */
  mention(text: string): Promise<void>;
  /** A mention written by another bot, or by this bot itself. */
  mentionFromBot(text: string, who: "self" | "other"): Promise<void>;
  /** Markup of this platform that carries ids made of digits (mentions, channels). */
  readonly idMarkup: string;
  /** Markup that would ping everyone or make a link, were it not made inert. */
  readonly injection: string;
  /** True when `raw` (what the bot sent) shows `injection` live rather than inert. */
  isLive(text: string): boolean;
  /** Public answers so far, oldest first. */
  publicAnswers(): Promise<Observed[]>;
  /** What only the asker saw so far, oldest first. */
  privateReplies(): Promise<Observed[]>;
  /** A reaction (or typed rating) on an answer; `delivery` repeats an earlier delivery's id. */
  rate(
    answer: Observed,
    voter: string,
    rating: Rating,
    options?: { action?: "added" | "removed"; bot?: boolean; delivery?: string },
  ): Promise<string>;
  /** The next public post (on the surface `failingSurface`) is refused or rate-limited. */
  failNextPost(kind: "cannot-post" | "rate-limited"): void;
  /** Where a public post can fail on this platform: a command, or a mention. */
  readonly failingSurface: "command" | "mention";
  /** Holds the next public post until released; resolves `arrived` once it reached the platform. */
  holdNextPost(): { arrived: Promise<void>; release(): void };
  /** Starts a command without waiting for it to finish. */
  commandNoWait(text: string): void;
  stop(): Promise<void>;
  close(): Promise<void>;
}

const flat = (s: string) => s.replace(/\s+/g, " ");

export function adapterContract(
  name: string,
  can: DriverCapabilities,
  start: () => Promise<AdapterDriver>,
): void {
  describe(`adapter contract: ${name}`, () => {
    let d: AdapterDriver;
    before(async () => {
      d = await start();
    });
    after(async () => {
      await d.close();
    });

    const newPublic = async (before: number) => (await d.publicAnswers()).slice(before);
    const newPrivate = async (before: number) => (await d.privateReplies()).slice(before);
    const counts = async () => ({
      pub: (await d.publicAnswers()).length,
      priv: (await d.privateReplies()).length,
      answers: (await d.store.stats()).answers,
    });

    test("a port query gives one public answer, recorded once under the asked query, seeded in order", async () => {
      const c = await counts();
      await d.command("5432");
      const [answer, ...more] = await newPublic(c.pub);
      assert.ok(answer, "one public answer");
      assert.equal(more.length, 0, "only one");
      assert.match(answer.text, /5432/);
      const stats = await d.store.stats({ top: 100 });
      assert.equal(stats.answers, c.answers + 1, "recorded once");
      assert.ok(stats.byPort.some((p) => p.port === 5432));
      if (can.reactions) {
        assert.deepEqual(answer.seeds, ["helpful", "confusing", "not-helpful"]);
      }
    });

    test("the recorded query is the question as asked, the same rule on every platform", async () => {
      await d.mention("what is on   6379 ?");
      const worst = await d.store.stats({ top: 100 });
      // Only queries of rated-not-helpful answers are listed: rate it so it shows.
      const [answer] = (await d.publicAnswers()).filter((a) => a.text.includes("6379")).slice(-1);
      assert.ok(answer);
      await d.rate(answer, "v-query", "not-helpful");
      const listed = (await d.store.stats({ top: 100 })).leastHelpful.map((a) => a.query);
      assert.ok(listed.includes("what is on 6379 ?"), `${listed.join(" | ")} (${worst.answers})`);
    });

    test("help, invalid input and stats go to the asker alone, unrecorded; stats show real figures", async () => {
      for (const q of ["help", "70000", "stats"]) {
        const c = await counts();
        await d.command(q);
        assert.equal((await d.publicAnswers()).length, c.pub, `${q}: nothing public`);
        const mine = await newPrivate(c.priv);
        assert.equal(mine.length, 1, `${q}: one private reply`);
        assert.equal((await d.store.stats()).answers, c.answers, `${q}: not recorded`);
        assert.deepEqual(mine[0]?.seeds, [], `${q}: not rated`);
        if (q === "stats") {
          const s = await d.store.stats();
          assert.match(
            flat(mine[0]?.text ?? ""),
            new RegExp(`${s.answers} answers? and ${s.overall.votes} votes?`),
          );
        }
      }
    });

    test("stats say the figures are unavailable when the store cannot give them", async () => {
      const c = await counts();
      d.faults.stats = true;
      try {
        await d.command("stats");
      } finally {
        d.faults.stats = false;
      }
      const [mine] = await newPrivate(c.priv);
      assert.match(flat(mine?.text ?? ""), /can.t read the ratings right now/);
    });

    test("free text gives at most five answers, the last with the cap note", async () => {
      const c = await counts();
      await d.mention("ports 21 22 23 25 53 80 443");
      const answers = await newPublic(c.pub);
      assert.equal(answers.length, 5);
      assert.match(flat(answers.at(-1)?.text ?? ""), /first 5 of 7 ports/);
    });

    test("free text without a port gets the usage hint, privately", async () => {
      const c = await counts();
      await d.mention("lunch anyone?");
      assert.equal((await d.publicAnswers()).length, c.pub);
      const [hint] = await newPrivate(c.priv);
      assert.match(flat(hint?.text ?? ""), /didn.t spot a port number/);
    });

    test("platform ids are never read as ports", async () => {
      const c = await counts();
      await d.mention(`${d.idMarkup} what is on 8080?`);
      const answers = await newPublic(c.pub);
      assert.equal(answers.length, 1, "only the port asked about");
      assert.match(answers[0]?.text ?? "", /8080/);
    });

    test("injected markup stays inert", async () => {
      const c = await counts();
      await d.command(`${d.injection} 22`);
      await d.mention(`${d.injection} nothing`);
      const sent = [...(await newPublic(c.pub)), ...(await newPrivate(c.priv))];
      assert.ok(sent.length >= 2);
      for (const o of sent) assert.equal(d.isLive(o.raw), false, o.raw.slice(0, 200));
    });

    test("reactions vote and replace, and a rating of another kind counts as a change", async () => {
      await d.command("443");
      const answer = (await d.publicAnswers()).at(-1) as Observed;
      const before = (await d.store.stats()).overall;
      await d.rate(answer, "v-replace", "helpful");
      await d.rate(answer, "v-replace", "confusing");
      const after = (await d.store.stats()).overall;
      assert.equal(after.votes, before.votes + 1, "one vote per person");
      assert.equal(after.confusing, before.confusing + 1, "the latest rating counts");
    });

    if (can.reactions)
      test("withdrawing a reaction withdraws the vote (where people react)", async () => {
        await d.command("25");
        const answer = (await d.publicAnswers()).at(-1) as Observed;
        const before = (await d.store.stats()).overall.votes;
        await d.rate(answer, "v-withdraw", "helpful");
        await d.rate(answer, "v-withdraw", "helpful", { action: "removed" });
        assert.equal((await d.store.stats()).overall.votes, before);
      });

    if (can.redelivery)
      test("a repeated delivery counts once (where the platform redelivers)", async () => {
        await d.command("53");
        const answer = (await d.publicAnswers()).at(-1) as Observed;
        const before = (await d.store.stats()).overall.votes;
        const delivery = await d.rate(answer, "v-dupe", "helpful");
        await d.rate(answer, "v-dupe", "helpful", { action: "removed" });
        await d.rate(answer, "v-dupe", "helpful", { delivery });
        assert.equal(
          (await d.store.stats()).overall.votes,
          before,
          "the replayed add does not revive it",
        );
      });

    if (can.otherBots)
      test("no bot's message or reaction counts, this one's or another's", async () => {
        const c = await counts();
        await d.mentionFromBot("what is on 22?", "other");
        await d.mentionFromBot("what is on 22?", "self");
        assert.equal((await d.publicAnswers()).length, c.pub, "bots' mentions unanswered");
        await d.command("110");
        const answer = (await d.publicAnswers()).at(-1) as Observed;
        const before = (await d.store.stats()).overall.votes;
        await d.rate(answer, "v-otherbot", "helpful", { bot: true });
        assert.equal((await d.store.stats()).overall.votes, before);
      });

    test("a failed record still delivers the answer, without inviting votes", async () => {
      const c = await counts();
      d.faults.recordAnswer = true;
      try {
        await d.command("3306");
      } finally {
        d.faults.recordAnswer = false;
      }
      const [answer] = await newPublic(c.pub);
      assert.ok(answer, "delivered");
      assert.match(answer.text, /3306/);
      assert.deepEqual(answer.seeds, []);
      assert.equal((await d.store.stats()).answers, c.answers);
    });

    if (can.failingPosts)
      test("cannot post here: the asker gets the answer privately, with wording that says it is attached", async () => {
        const c = await counts();
        d.failNextPost("cannot-post");
        const ask = d.failingSurface === "command" ? d.command("6443") : d.mention("what is 6443?");
        await ask;
        assert.equal((await d.publicAnswers()).length, c.pub);
        const mine = flat((await newPrivate(c.priv)).map((o) => o.text).join(" "));
        assert.match(mine, /here is your answer, visible only to you/);
        assert.match(mine, /6443/, "and the answer is really there");
        assert.equal(
          (await d.store.stats()).answers,
          c.answers,
          "not recorded: nobody can rate it",
        );
      });

    if (can.failingPosts)
      test("rate limited: the asker is told, and no answer is promised", async () => {
        const c = await counts();
        d.failNextPost("rate-limited");
        const ask = d.failingSurface === "command" ? d.command("9200") : d.mention("what is 9200?");
        await ask;
        assert.equal((await d.publicAnswers()).length, c.pub);
        const mine = flat((await newPrivate(c.priv)).map((o) => o.text).join(" "));
        assert.match(mine, /rate-limiting me/);
        assert.doesNotMatch(mine, /visible only to you/);
      });

    test("a team note is confirmed privately, shown first in its port's answer with author and date, and found by its words", async () => {
      const c = await counts();
      await d.command("note 9000 payments API (staging), owner @payments-team");
      const [confirmation] = await newPrivate(c.priv);
      const id = /as note (\d+)/.exec(flat(confirmation?.text ?? ""))?.[1];
      assert.ok(id, `confirmed with its number: ${confirmation?.text}`);
      assert.equal((await d.publicAnswers()).length, c.pub, "nothing public");
      assert.equal((await d.store.stats()).answers, c.answers, "not recorded as an answer");

      await d.command("9000");
      const [answer] = await newPublic(c.pub);
      const text = flat(answer?.text ?? "");
      const at = text.indexOf("payments API (staging)");
      assert.ok(at > 0, text.slice(0, 300));
      assert.ok(at < text.indexOf("lsof"), "before the rest of the answer");
      assert.match(text, new RegExp(`team note by \\S+ · \\d{4}-\\d{2}-\\d{2} · #${id}`));

      await d.command("payments");
      const [found] = await newPublic(c.pub + 1);
      const searched = flat(found?.text ?? "");
      assert.match(searched, /Team notes matching “payments”/);
      assert.match(searched, /9000\W{0,3} payments API \(staging\)/);
    });

    test("notes are listed privately, and a removed note leaves the answers but stays in the history", async () => {
      await d.command("note 9010 build cache (ci)");
      const c = await counts();
      await d.command("notes");
      const [listing] = await newPrivate(c.priv);
      assert.match(flat(listing?.text ?? ""), /9010\W{0,3} build cache \(ci\)/);
      const live = await d.store.listNotes(d.scope);
      const note = live.find((n) => n.text === "build cache (ci)");
      assert.ok(note);
      await d.command(`note remove 9010 ${note.id}`);
      const [removed] = await newPrivate(c.priv + 1);
      assert.match(flat(removed?.text ?? ""), new RegExp(`Removed note ${note.id} from 9010`));
      await d.command("9010");
      const [answer] = await newPublic(c.pub);
      assert.doesNotMatch(answer?.text ?? "", /build cache/);
      const history = await d.store.listNotes(d.scope, { history: true });
      const kept = history.find((n) => n.id === note.id);
      assert.ok(kept?.removedAt instanceof Date, "kept, marked removed");
      assert.equal(kept?.removedBy, note.author, "by whom");
    });

    test("a team sees only its own notes", async () => {
      const other = { ...d.scope, workspace: `${d.scope.workspace}-other` };
      const limits = { perTarget: 5, changes: 10, windowMs: 60_000 };
      const text = "another team's secret service";
      await d.store.addNote(
        {
          ...other,
          first: 9020,
          last: 9020,
          protocol: null,
          text,
          author: "U-them",
          authorName: null,
          at: new Date(),
        },
        limits,
      );
      const c = await counts();
      await d.command("9020");
      const [answer] = await newPublic(c.pub);
      assert.match(answer?.text ?? "", /9020/);
      assert.doesNotMatch(answer?.text ?? "", /secret service/);
    });

    test("only NOTES_EDITORS may change notes, when it is set; everyone may read them", async () => {
      d.editors.push("GROUP0NOTTHEASKERS");
      try {
        const c = await counts();
        await d.command("note 9030 not allowed");
        const [refused] = await newPrivate(c.priv);
        assert.match(flat(refused?.text ?? ""), /Only the people your team chose can change notes/);
        const all = await d.store.listNotes(d.scope);
        assert.equal(
          all.some((n) => n.text === "not allowed"),
          false,
          "nothing stored",
        );
        await d.command("notes");
        const [listing] = await newPrivate(c.priv + 1);
        assert.match(flat(listing?.text ?? ""), /Team notes/);
      } finally {
        d.editors.length = 0;
      }
    });

    test("note text stays inert in answers", async () => {
      await d.command(`note 9040 ${d.injection} relay`);
      const c = await counts();
      await d.command("9040");
      const [answer] = await newPublic(c.pub);
      assert.match(answer?.text ?? "", /relay/);
      assert.equal(d.isLive(answer?.raw ?? ""), false, answer?.raw.slice(0, 300));
    });

    test("when the notes cannot be read, answers go out without them and note commands say so", async () => {
      const c = await counts();
      d.faults.notes = true;
      try {
        await d.command("9000");
        await d.command("notes");
      } finally {
        d.faults.notes = false;
      }
      const [answer] = await newPublic(c.pub);
      assert.match(answer?.text ?? "", /9000/);
      const [mine] = await newPrivate(c.priv);
      assert.match(flat(mine?.text ?? ""), /can.t reach the notes right now/);
    });

    test("stop() delivers the answers in flight before disconnecting", async () => {
      const c = await counts();
      const held = d.holdNextPost();
      d.commandNoWait("27017");
      await held.arrived;
      const stopped = d.stop();
      held.release();
      await stopped;
      const answer = await eventually(
        async () => (await newPublic(c.pub))[0],
        "the answer in flight",
      );
      assert.match(answer.text, /27017/);
      assert.equal((await d.store.stats()).answers, c.answers + 1, "recorded");
      if (can.reactions) {
        assert.deepEqual(answer.seeds, ["helpful", "confusing", "not-helpful"], "and seeded");
      }
    });
  });
}
