// The one contract every FeedbackStore meets; sqlite.test.ts and postgres.test.ts run it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RATINGS, type Rating } from "../../src/core/stats-model.ts";
import { MAX_QUERY_CHARS } from "../../src/feedback/validate.ts";
import { answer, minutes, reaction, T0 } from "./fixtures.ts";
import { notesContract } from "./notes-contract.ts";
import { rejectsInput, type StoreFactory, withStore } from "./store-harness.ts";

export type { StoreFactory, StoreHarness } from "./store-harness.ts";

export function storeContract(name: string, factory: StoreFactory, skip: string | false = false) {
  describe(`FeedbackStore contract: ${name}`, { skip }, () => {
    describe("migrations", () => {
      it("run twice, and again from a second instance, without error or data loss", async () => {
        await withStore(factory, async (store, h) => {
          await store.recordAnswer(answer());
          await store.migrate();
          const other = await h.open();
          try {
            await other.migrate();
            await other.migrate();
            assert.equal((await other.stats()).answers, 1);
          } finally {
            await other.close();
          }
          assert.equal((await store.stats()).answers, 1);
        });
      });

      it("keep data across close and reopen", async () => {
        await withStore(factory, async (store, h) => {
          await store.recordAnswer(answer());
          assert.equal(await store.recordReaction(reaction()), "voted");
          await store.close();
          const reopened = await h.open();
          try {
            await reopened.migrate();
            const s = await reopened.stats();
            assert.equal(s.answers, 1);
            assert.equal(s.overall.helpful, 1);
          } finally {
            await reopened.close();
          }
        });
      });
    });

    describe("answers", () => {
      it("recording the same message twice keeps the first", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer({ query: "first", ports: [22] }));
          await store.recordAnswer(answer({ query: "second", ports: [80] }));
          await store.recordReaction(reaction({ rating: "not-helpful" }));
          const s = await store.stats();
          assert.equal(s.answers, 1);
          assert.deepEqual(
            s.byPort.map((p) => [p.port, p.asked]),
            [[22, 1]],
          );
          assert.deepEqual(s.leastHelpful, [
            { query: "first", platform: "slack", ports: [22], notHelpful: 1, votes: 1 },
          ]);
        });
      });

      it("the same message id elsewhere (platform, workspace, channel) is another answer", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          await store.recordAnswer(answer({ channel: "C2" }));
          await store.recordAnswer(answer({ workspace: "T2" }));
          await store.recordAnswer(answer({ platform: "discord" }));
          assert.equal((await store.stats()).answers, 4);
          assert.equal(await store.recordReaction(reaction({ channel: "C2" })), "voted");
          assert.equal(await store.recordReaction(reaction({ platform: "discord" })), "voted");
          assert.equal((await store.stats()).overall.votes, 2);
        });
      });

      it("keeps answers without ports, with repeated ports once, and cuts very long queries", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer({ messageId: "m1", ports: [], query: "help" }));
          await store.recordAnswer(
            answer({ messageId: "m2", ports: [80, 80, 443], query: "x".repeat(5000) }),
          );
          await store.recordReaction(reaction({ messageId: "m2", rating: "not-helpful" }));
          const s = await store.stats();
          assert.equal(s.answers, 2);
          assert.deepEqual(
            s.byPort.map((p) => [p.port, p.asked, p.notHelpful]),
            [
              [80, 1, 1],
              [443, 1, 1],
            ],
          );
          assert.equal(s.leastHelpful[0]?.query, "x".repeat(MAX_QUERY_CHARS));
          assert.deepEqual(s.leastHelpful[0]?.ports, [80, 443]);
        });
      });

      it("keeps NUL bytes out of every text field, the same on every store, and the answer can be rated", async () => {
        await withStore(factory, async (store) => {
          const nul = "\u0000";
          await store.recordAnswer(
            answer({
              messageId: `m${nul}1`,
              query: `22${nul}evil`,
              asker: `U${nul}`,
              thread: `t${nul}`,
            }),
          );
          assert.equal(
            await store.recordReaction(
              reaction({ messageId: `m${nul}1`, voter: `V${nul}`, rating: "not-helpful" }),
            ),
            "voted",
          );
          const s = await store.stats();
          assert.equal(s.leastHelpful[0]?.query, "22\uFFFDevil");
        });
      });
    });

    describe("votes", () => {
      it("a first reaction is a vote", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          assert.equal(await store.recordReaction(reaction({ rating: "helpful" })), "voted");
          assert.equal(
            await store.recordReaction(reaction({ voter: "U2", rating: "confusing" })),
            "voted",
          );
          assert.equal(
            await store.recordReaction(reaction({ voter: "U3", rating: "helpful" })),
            "voted",
          );
          const o = (await store.stats()).overall;
          assert.deepEqual(o, {
            helpful: 2,
            confusing: 1,
            notHelpful: 0,
            votes: 3,
            helpfulShare: 2 / 3,
          });
        });
      });

      it("a new rating from the same person replaces their earlier one", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          assert.equal(await store.recordReaction(reaction({ rating: "helpful" })), "voted");
          assert.equal(await store.recordReaction(reaction({ rating: "not-helpful" })), "replaced");
          const o = (await store.stats()).overall;
          assert.equal(o.votes, 1);
          assert.equal(o.helpful, 0);
          assert.equal(o.notHelpful, 1);
        });
      });

      it("the same rating again (another emoji for it) changes nothing: no-vote", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          assert.equal(await store.recordReaction(reaction({ rating: "helpful" })), "voted");
          assert.equal(await store.recordReaction(reaction({ rating: "helpful" })), "no-vote");
          assert.equal(await store.recordReaction(reaction({ rating: "helpful" })), "no-vote");
          const o = (await store.stats()).overall;
          assert.equal(o.votes, 1);
          assert.equal(o.helpful, 1);
        });
      });

      it("removing the reaction of the current vote withdraws it", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          await store.recordReaction(reaction({ rating: "helpful" }));
          assert.equal(
            await store.recordReaction(reaction({ rating: "helpful", action: "removed" })),
            "withdrawn",
          );
          assert.equal((await store.stats()).overall.votes, 0);
          // and the person can vote again afterwards
          assert.equal(await store.recordReaction(reaction({ rating: "not-helpful" })), "voted");
        });
      });

      it("removing a reaction whose rating is not the current vote keeps the vote: no-vote", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          await store.recordReaction(reaction({ rating: "helpful" }));
          await store.recordReaction(reaction({ rating: "not-helpful" })); // replaced
          assert.equal(
            await store.recordReaction(reaction({ rating: "helpful", action: "removed" })),
            "no-vote",
          );
          assert.equal(
            await store.recordReaction(
              reaction({ voter: "U9", rating: "not-helpful", action: "removed" }),
            ),
            "no-vote",
          );
          const o = (await store.stats()).overall;
          assert.equal(o.votes, 1);
          assert.equal(o.notHelpful, 1);
        });
      });

      it("removing a reaction of the current rating withdraws the vote, whichever emoji it was", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          await store.recordReaction(reaction({ rating: "helpful" }));
          assert.equal(
            await store.recordReaction(reaction({ rating: "helpful", action: "removed" })),
            "withdrawn",
          );
          assert.equal((await store.stats()).overall.votes, 0);
        });
      });

      it("ignores the bot's own reactions", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          for (const rating of RATINGS) {
            assert.equal(
              await store.recordReaction(reaction({ voter: "Ubot", rating, fromBot: true })),
              "ignored-bot",
            );
          }
          assert.equal((await store.stats()).overall.votes, 0);
        });
      });

      it("ignores reactions on messages that are not answers, and counts a redelivery once it is one", async () => {
        await withStore(factory, async (store) => {
          const early = reaction({ messageId: "not-an-answer" });
          assert.equal(await store.recordReaction(early), "unknown-answer");
          assert.equal((await store.stats()).overall.votes, 0);
          await store.recordAnswer(answer({ messageId: "not-an-answer" }));
          assert.equal(await store.recordReaction(early), "voted");
        });
      });

      it("counts a delivery seen before once: duplicate", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          const add = reaction({ rating: "helpful" });
          assert.equal(await store.recordReaction(add), "voted");
          assert.equal(await store.recordReaction(add), "duplicate");
          const remove = reaction({ rating: "helpful", action: "removed" });
          assert.equal(await store.recordReaction(remove), "withdrawn");
          // a retried add must not resurrect the withdrawn vote
          assert.equal(await store.recordReaction(add), "duplicate");
          assert.equal(await store.recordReaction(remove), "duplicate");
          assert.equal((await store.stats()).overall.votes, 0);
        });
      });

      it("claimEvent and recordReaction share the seen deliveries", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          assert.equal(await store.claimEvent("Eshared"), true);
          assert.equal(await store.claimEvent("Eshared"), false);
          assert.equal(await store.recordReaction(reaction({ eventId: "Eshared" })), "duplicate");
          assert.equal(await store.recordReaction(reaction({ eventId: "Eother" })), "voted");
          assert.equal(await store.claimEvent("Eother"), false);
        });
      });

      it("keeps a seen delivery for at least an hour, then prunes it", async () => {
        await withStore(factory, async (store) => {
          assert.equal(await store.claimEvent("Eold", minutes(0)), true);
          assert.equal(await store.claimEvent("Ea", minutes(30)), true);
          assert.equal(await store.claimEvent("Eb", minutes(59)), true);
          assert.equal(await store.claimEvent("Eold", minutes(59)), false);
          assert.equal(await store.claimEvent("Ec", minutes(61)), true); // prunes Eold
          assert.equal(await store.claimEvent("Eold", minutes(62)), true);
          assert.equal(await store.claimEvent("Eb", minutes(62)), false);
        });
      });

      it("reactions claim their delivery at the store's clock, and old ones are pruned", async () => {
        let now = minutes(0);
        await withStore(
          factory,
          async (store) => {
            await store.recordAnswer(answer());
            const add = reaction({ rating: "helpful" });
            assert.equal(await store.recordReaction(add), "voted");
            now = minutes(59);
            assert.equal(await store.recordReaction(add), "duplicate");
            now = minutes(61);
            assert.equal(await store.claimEvent("Eunrelated"), true); // prunes the add
            assert.equal(await store.claimEvent(add.eventId), true);
          },
          { now: () => now },
        );
      });
    });

    describe("stats", () => {
      it("of an empty store", async () => {
        await withStore(factory, async (store) => {
          const s = await store.stats();
          assert.deepEqual(s, {
            since: null,
            answers: 0,
            overall: { helpful: 0, confusing: 0, notHelpful: 0, votes: 0, helpfulShare: null },
            byPlatform: [],
            byPort: [],
            leastHelpful: [],
          });
        });
      });

      it("overall, per platform, per port (most asked first) and least helpful (worst first)", async () => {
        await withStore(factory, async (store) => {
          // slack: 3 answers on 22, 2 on 443 (one also on 80); discord: 1 on 22
          await store.recordAnswer(answer({ messageId: "s1", query: "22", ports: [22] }));
          await store.recordAnswer(answer({ messageId: "s2", query: "port 22", ports: [22] }));
          await store.recordAnswer(answer({ messageId: "s3", query: ":22", ports: [22] }));
          await store.recordAnswer(answer({ messageId: "s4", query: "443", ports: [443] }));
          await store.recordAnswer(answer({ messageId: "s5", query: "80 443", ports: [80, 443] }));
          await store.recordAnswer(
            answer({
              platform: "discord",
              workspace: "G1",
              messageId: "d1",
              query: "ssh",
              ports: [22],
            }),
          );
          const vote = (messageId: string, voter: string, rating: Rating, platform = "slack") =>
            store.recordReaction(
              reaction({
                messageId,
                voter,
                rating,
                platform: platform as "slack" | "discord",
                workspace: platform === "slack" ? "T1" : "G1",
              }),
            );
          await vote("s1", "U1", "helpful");
          await vote("s1", "U2", "helpful");
          await vote("s2", "U1", "not-helpful");
          await vote("s5", "U1", "not-helpful");
          await vote("s5", "U2", "not-helpful");
          await vote("s5", "U3", "confusing");
          await vote("s4", "U1", "not-helpful");
          await vote("d1", "D1", "helpful", "discord");

          const s = await store.stats();
          assert.equal(s.since, null);
          assert.equal(s.answers, 6);
          assert.deepEqual(s.overall, {
            helpful: 3,
            confusing: 1,
            notHelpful: 4,
            votes: 8,
            helpfulShare: 3 / 8,
          });
          assert.deepEqual(s.byPlatform, [
            {
              platform: "slack",
              answers: 5,
              helpful: 2,
              confusing: 1,
              notHelpful: 4,
              votes: 7,
              helpfulShare: 2 / 7,
            },
            {
              platform: "discord",
              answers: 1,
              helpful: 1,
              confusing: 0,
              notHelpful: 0,
              votes: 1,
              helpfulShare: 1,
            },
          ]);
          assert.deepEqual(
            s.byPort.map((p) => [p.port, p.asked, p.helpful, p.confusing, p.notHelpful, p.votes]),
            [
              [22, 4, 3, 0, 1, 4],
              [443, 2, 0, 1, 3, 4],
              [80, 1, 0, 1, 2, 3],
            ],
          );
          assert.equal(s.byPort[0]?.helpfulShare, 3 / 4);
          assert.deepEqual(s.leastHelpful, [
            { query: "80 443", platform: "slack", ports: [80, 443], notHelpful: 2, votes: 3 },
            // ties: the earlier answer first
            { query: "port 22", platform: "slack", ports: [22], notHelpful: 1, votes: 1 },
            { query: "443", platform: "slack", ports: [443], notHelpful: 1, votes: 1 },
          ]);

          const top1 = await store.stats({ top: 1 });
          assert.deepEqual(
            top1.byPort.map((p) => p.port),
            [22],
          );
          assert.deepEqual(
            top1.leastHelpful.map((l) => l.query),
            ["80 443"],
          );
          assert.equal(top1.overall.votes, 8);
        });
      });

      it("cuts byPort and leastHelpful at ten by default", async () => {
        await withStore(factory, async (store) => {
          for (let i = 0; i < 12; i++) {
            await store.recordAnswer(
              answer({ messageId: `m${i}`, query: `${1000 + i}`, ports: [1000 + i] }),
            );
            await store.recordReaction(reaction({ messageId: `m${i}`, rating: "not-helpful" }));
          }
          const s = await store.stats();
          assert.equal(s.byPort.length, 10);
          assert.equal(s.leastHelpful.length, 10);
          assert.equal(s.overall.notHelpful, 12);
        });
      });

      it("over a window: only answers and votes at or after `since`", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer({ messageId: "old", ports: [21], at: minutes(0) }));
          await store.recordAnswer(answer({ messageId: "new", ports: [23], at: minutes(100) }));
          await store.recordReaction(
            reaction({ messageId: "old", voter: "U1", rating: "not-helpful", at: minutes(5) }),
          );
          // a recent vote on an old answer counts in the window
          await store.recordReaction(
            reaction({ messageId: "old", voter: "U2", rating: "helpful", at: minutes(100) }),
          );
          await store.recordReaction(
            reaction({ messageId: "new", voter: "U1", rating: "helpful", at: minutes(101) }),
          );

          const all = await store.stats();
          assert.equal(all.answers, 2);
          assert.equal(all.overall.votes, 3);

          const since = minutes(100);
          const w = await store.stats({ since });
          assert.equal(w.since?.getTime(), since.getTime());
          assert.equal(w.answers, 1);
          assert.deepEqual([w.overall.helpful, w.overall.notHelpful, w.overall.votes], [2, 0, 2]);
          assert.deepEqual(
            w.byPort.map((p) => [p.port, p.asked, p.votes]),
            [
              [23, 1, 1],
              [21, 0, 1],
            ],
          );
          assert.deepEqual(w.leastHelpful, []);
          assert.deepEqual(
            w.byPlatform.map((p) => [p.platform, p.answers, p.votes]),
            [["slack", 1, 2]],
          );

          // a replaced vote moves to its new time
          await store.recordReaction(
            reaction({ messageId: "old", voter: "U1", rating: "helpful", at: minutes(102) }),
          );
          const w2 = await store.stats({ since });
          assert.equal(w2.overall.helpful, 3);

          const later = await store.stats({ since: minutes(1000) });
          assert.equal(later.answers, 0);
          assert.equal(later.overall.helpfulShare, null);
          assert.deepEqual(later.byPort, []);
        });
      });
    });

    describe("input checks", () => {
      it("refuse bad answers with an error naming the field", async () => {
        await withStore(factory, async (store) => {
          await rejectsInput(store.recordAnswer(answer({ ports: [70000] })), "ports.0");
          await rejectsInput(store.recordAnswer(answer({ ports: [22, 1.5] })), "ports.1");
          await rejectsInput(store.recordAnswer(answer({ channel: "" })), "channel");
          await rejectsInput(store.recordAnswer(answer({ messageId: "" })), "messageId");
          await rejectsInput(
            store.recordAnswer(answer({ platform: "irc" as unknown as "slack" })),
            "platform",
          );
          await rejectsInput(store.recordAnswer(answer({ at: new Date(Number.NaN) })), "at");
          await rejectsInput(
            store.recordAnswer({ ...answer(), query: undefined as unknown as string }),
            "query",
          );
          assert.equal((await store.stats()).answers, 0);
        });
      });

      it("refuse bad reactions, stats options and event ids with an error naming the field", async () => {
        await withStore(factory, async (store) => {
          await store.recordAnswer(answer());
          await rejectsInput(store.recordReaction(reaction({ eventId: "" })), "eventId");
          await rejectsInput(store.recordReaction(reaction({ voter: "" })), "voter");
          await rejectsInput(
            store.recordReaction(reaction({ action: "changed" as unknown as "added" })),
            "action",
          );
          await rejectsInput(
            store.recordReaction(reaction({ fromBot: "no" as unknown as boolean })),
            "fromBot",
          );
          await rejectsInput(store.stats({ top: 0 }), "top");
          await rejectsInput(store.stats({ since: new Date("nope") }), "since");
          await rejectsInput(store.claimEvent(""), "eventId");
          assert.equal((await store.stats()).overall.votes, 0);
          // nothing was claimed by the refused reactions
          assert.equal(await store.claimEvent("Ev-never-used"), true);
        });
      });
    });

    notesContract(factory);

    it("uses the clock only for claims: stats are untouched by wall time", async () => {
      await withStore(factory, async (store) => {
        await store.recordAnswer(answer({ at: T0 }));
        const s = await store.stats({ since: T0 });
        assert.equal(s.answers, 1);
      });
    });
  });
}
