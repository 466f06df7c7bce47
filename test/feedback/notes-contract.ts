// Team notes, the same on every store: scoped per platform and workspace, limits enforced inside
// the write, removals kept as history, input refused by field.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NoteInput, NoteLimits, NoteScope } from "../../src/feedback/types.ts";
import { minutes, T0 } from "./fixtures.ts";
import { rejectsInput, type StoreFactory, withStore } from "./store-harness.ts";

const SCOPE: NoteScope = { platform: "slack", workspace: "T1" };
const LIMITS: NoteLimits = { perTarget: 3, changes: 5, windowMs: 60_000 };

function note(over: Partial<NoteInput> = {}): NoteInput {
  return {
    ...SCOPE,
    first: 9000,
    last: 9000,
    protocol: null,
    text: "payments API (staging), owner @payments-team",
    author: "U-alice",
    authorName: "Alice",
    at: T0,
    ...over,
  };
}

export function notesContract(factory: StoreFactory) {
  describe("team notes", () => {
    it("adds a note and lists it, only in its own platform and workspace", async () => {
      await withStore(factory, async (store) => {
        const added = await store.addNote(note(), LIMITS);
        assert.ok(added.ok);
        assert.ok(added.note.id > 0);
        assert.equal(added.note.text, "payments API (staging), owner @payments-team");
        assert.deepEqual(added.note.at, T0);
        assert.equal(added.note.authorName, "Alice");
        await store.addNote(note({ workspace: "T2", text: "other team" }), LIMITS);
        await store.addNote(note({ platform: "discord", text: "a guild" }), LIMITS);
        const mine = await store.listNotes(SCOPE);
        assert.deepEqual(
          mine.map((n) => [n.id, n.first, n.last, n.protocol, n.text, n.author]),
          [[added.note.id, 9000, 9000, null, added.note.text, "U-alice"]],
        );
        assert.deepEqual((await store.listNotes({ ...SCOPE, workspace: "T2" })).length, 1);
      });
    });

    it("keeps ranges and protocols, and folds whitespace", async () => {
      await withStore(factory, async (store) => {
        const r = await store.addNote(
          note({ first: 8000, last: 8010, protocol: "udp", text: "  media\n relays  " }),
          LIMITS,
        );
        assert.ok(r.ok);
        const [listed] = await store.listNotes(SCOPE);
        assert.deepEqual([listed?.first, listed?.last, listed?.protocol], [8000, 8010, "udp"]);
        assert.equal(listed?.text, "media relays");
      });
    });

    it("removes a note, keeping it as history with who and when", async () => {
      await withStore(factory, async (store) => {
        const added = await store.addNote(note(), LIMITS);
        assert.ok(added.ok);
        const target = { first: 9000, last: 9000, protocol: null };
        const gone = await store.removeNote(
          { ...SCOPE, id: added.note.id, target: target, by: "U-bob", at: minutes(1) },
          LIMITS,
        );
        assert.ok(gone.ok);
        assert.deepEqual(await store.listNotes(SCOPE), []);
        const [history] = await store.listNotes(SCOPE, { history: true });
        assert.equal(history?.removedBy, "U-bob");
        assert.deepEqual(history?.removedAt, minutes(1));
        const again = await store.removeNote(
          { ...SCOPE, id: added.note.id, target: null, by: "U-bob", at: minutes(2) },
          LIMITS,
        );
        assert.deepEqual(again, { ok: false, reason: "not-found" });
      });
    });

    it("does not remove another scope's note, or one on another target", async () => {
      await withStore(factory, async (store) => {
        const added = await store.addNote(note(), LIMITS);
        assert.ok(added.ok);
        const id = added.note.id;
        const other = { ...SCOPE, workspace: "T2" };
        assert.equal(
          (
            await store.removeNote(
              { ...other, id: id, target: null, by: "U-x", at: minutes(1) },
              LIMITS,
            )
          ).ok,
          false,
        );
        const wrong = { first: 9001, last: 9001, protocol: null };
        assert.equal(
          (
            await store.removeNote(
              { ...SCOPE, id: id, target: wrong, by: "U-x", at: minutes(1) },
              LIMITS,
            )
          ).ok,
          false,
        );
        const udp = { first: 9000, last: 9000, protocol: "udp" as const };
        assert.equal(
          (
            await store.removeNote(
              { ...SCOPE, id: id, target: udp, by: "U-x", at: minutes(1) },
              LIMITS,
            )
          ).ok,
          false,
        );
        assert.equal((await store.listNotes(SCOPE)).length, 1);
      });
    });

    it("refuses more live notes on one target than the limit: full", async () => {
      await withStore(factory, async (store) => {
        for (let i = 0; i < LIMITS.perTarget; i++) {
          const r = await store.addNote(note({ author: `U${i}`, text: `note ${i}` }), LIMITS);
          assert.ok(r.ok);
        }
        const over = await store.addNote(note({ author: "U9", text: "one more" }), LIMITS);
        assert.deepEqual(over, { ok: false, reason: "full" });
        // another protocol is another target
        assert.ok((await store.addNote(note({ protocol: "udp", author: "U9" }), LIMITS)).ok);
        assert.equal((await store.listNotes(SCOPE)).length, LIMITS.perTarget + 1);
      });
    });

    it("refuses a person's changes past the rate limit, counting adds and removals, until the window passes", async () => {
      await withStore(factory, async (store) => {
        const ids: number[] = [];
        for (let i = 0; i < 3; i++) {
          const r = await store.addNote(note({ first: 9000 + i, last: 9000 + i }), LIMITS);
          assert.ok(r.ok);
          ids.push(r.note.id);
        }
        for (const id of ids.slice(0, 2)) {
          assert.ok(
            (
              await store.removeNote(
                { ...SCOPE, id: id, target: null, by: "U-alice", at: T0 },
                LIMITS,
              )
            ).ok,
          );
        }
        const limited = await store.addNote(note({ first: 9100, last: 9100 }), LIMITS);
        assert.deepEqual(limited, { ok: false, reason: "rate-limited" });
        const removal = await store.removeNote(
          { ...SCOPE, id: ids[2] ?? 0, target: null, by: "U-alice", at: T0 },
          LIMITS,
        );
        assert.deepEqual(removal, { ok: false, reason: "rate-limited" });
        // someone else is not limited by alice's changes
        assert.ok(
          (await store.addNote(note({ author: "U-bob", first: 9101, last: 9101 }), LIMITS)).ok,
        );
        const later = await store.addNote(
          note({ first: 9100, last: 9100, at: minutes(2) }),
          LIMITS,
        );
        assert.ok(later.ok);
      });
    });

    it("refuses bad notes with an error naming the field, and keeps NUL bytes out alike", async () => {
      await withStore(factory, async (store) => {
        await rejectsInput(store.addNote(note({ text: "   " }), LIMITS), "text");
        await rejectsInput(store.addNote(note({ text: "x".repeat(301) }), LIMITS), "text");
        await rejectsInput(store.addNote(note({ first: 70000 }), LIMITS), "first");
        await rejectsInput(store.addNote(note({ first: 9001, last: 9000 }), LIMITS), "last");
        await rejectsInput(store.addNote(note({ author: "" }), LIMITS), "author");
        await rejectsInput(
          store.addNote(note({ protocol: "icmp" as unknown as "tcp" }), LIMITS),
          "protocol",
        );
        await rejectsInput(
          store.removeNote({ ...SCOPE, id: 0, target: null, by: "U", at: T0 }, LIMITS),
          "id",
        );
        assert.deepEqual(await store.listNotes(SCOPE), []);
        const nul = await store.addNote(note({ text: "a\u0000b" }), LIMITS);
        assert.ok(nul.ok);
        assert.equal(nul.note.text, "a\uFFFDb");
      });
    });
  });
}
