import assert from "node:assert/strict";
import { test } from "node:test";
import { notesFor, notesMatching, type TeamNote } from "../../../src/core/notes/model.ts";
import { testPortbot } from "../../support/portbot.ts";

const note = (over: Partial<TeamNote>): TeamNote => ({
  id: 1,
  first: 9000,
  last: 9000,
  protocol: null,
  text: "payments API",
  author: "U1",
  authorName: null,
  at: new Date("2026-12-01T00:00:00Z"),
  ...over,
});

test("notes about a port: its own before ranges, newest first, protocol respected", () => {
  const notes = [
    note({ id: 1, first: 8000, last: 9999, text: "range" }),
    note({ id: 2, text: "old", at: new Date("2026-01-01") }),
    note({ id: 3, text: "new" }),
    note({ id: 4, protocol: "udp", text: "udp only" }),
  ];
  assert.deepEqual(
    notesFor(notes, 9000, null).map((n) => n.id),
    [3, 4, 2, 1],
  );
  assert.deepEqual(
    notesFor(notes, 9000, "tcp").map((n) => n.id),
    [3, 2, 1],
  );
  assert.deepEqual(notesFor(notes, 7000, null), []);
});

test("word search matches every word, ignoring case and accents", () => {
  const notes = [
    note({ id: 1, text: "Paiements API (Zürich)" }),
    note({ id: 2, text: "build cache" }),
  ];
  assert.deepEqual(
    notesMatching(notes, "zurich api").map((n) => n.id),
    [1],
  );
  assert.deepEqual(notesMatching(notes, "api cache"), []);
  assert.deepEqual(notesMatching(notes, "?"), []);
});

test("a port's answer shows its notes first, at most two with the rest counted", () => {
  const portbot = testPortbot();
  const notes = [1, 2, 3].map((id) => note({ id, text: `note ${id}`, at: new Date(2026, 0, id) }));
  const reply = portbot.reply("9000", { notes });
  const first = reply.cards[0]?.sections[0];
  assert.equal(first?.title, "Team notes");
  assert.equal(first?.items.length, 2);
  assert.match(reply.text, /note 3[\s\S]*note 2/);
  assert.doesNotMatch(reply.text, /note 1 —/);
  assert.match(reply.text, /\+1 more team note/);
  assert.equal(
    portbot.reply("9001", { notes }).cards[0]?.sections[0]?.title === "Team notes",
    false,
  );
});

test("a name that finds nothing but matches a team note becomes a public, ratable answer", () => {
  const portbot = testPortbot();
  const reply = portbot.reply("payments", { notes: [note({})] });
  assert.equal(reply.kind, "search");
  assert.equal(reply.visibility, "public");
  assert.equal(reply.ratable, true);
  assert.deepEqual(reply.ports, [9000]);
  assert.match(reply.text, /Team notes matching “payments”/);
  assert.equal(portbot.reply("payments").kind, "none", "without notes, nothing");
});

test("note commands are private from parsing alone", () => {
  const portbot = testPortbot();
  assert.equal(portbot.visibilityOf("note 9000 x"), "private");
  assert.equal(portbot.visibilityOf("notes"), "private");
  assert.equal(portbot.visibilityOf("9000"), "public");
});
