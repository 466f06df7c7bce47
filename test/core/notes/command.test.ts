import assert from "node:assert/strict";
import { test } from "node:test";
import { parseNoteCommand } from "../../../src/core/notes/command.ts";

test("adds a note to a port, a port/protocol or a range, folding whitespace", () => {
  assert.deepEqual(parseNoteCommand("note 9000 payments API (staging), owner @payments-team"), {
    kind: "add",
    target: { first: 9000, last: 9000, protocol: null },
    text: "payments API (staging), owner @payments-team",
  });
  assert.deepEqual(parseNoteCommand("Note 5353/udp   mdns\n relay"), {
    kind: "add",
    target: { first: 5353, last: 5353, protocol: "udp" },
    text: "mdns relay",
  });
  assert.deepEqual(parseNoteCommand("note 8000-8010 media relays")?.kind, "add");
  assert.deepEqual(parseNoteCommand("note 8000-8010 media relays"), {
    kind: "add",
    target: { first: 8000, last: 8010, protocol: null },
    text: "media relays",
  });
});

test("lists all notes or one port's, and removes by number with or without the port", () => {
  assert.deepEqual(parseNoteCommand("notes"), { kind: "list", target: null });
  assert.deepEqual(parseNoteCommand("notes 9000"), {
    kind: "list",
    target: { first: 9000, last: 9000, protocol: null },
  });
  assert.deepEqual(parseNoteCommand("note 9000"), {
    kind: "list",
    target: { first: 9000, last: 9000, protocol: null },
  });
  assert.deepEqual(parseNoteCommand("note remove 9000 12"), {
    kind: "remove",
    target: { first: 9000, last: 9000, protocol: null },
    id: 12,
  });
  assert.deepEqual(parseNoteCommand("note rm 7"), { kind: "remove", target: null, id: 7 });
});

test("says what is wrong with a malformed note command", () => {
  const problem = (t: string) => {
    const c = parseNoteCommand(t);
    return c?.kind === "invalid" ? c.problem : c;
  };
  assert.equal(problem("note"), "usage");
  assert.equal(problem("note 70000 too high"), "bad-target");
  assert.equal(problem("note remove 9000 twelve"), "bad-id");
  assert.equal(problem("note remove 99999 1"), "bad-target");
  assert.equal(problem("note remove"), "usage");
  assert.deepEqual(problem(`note 9000 ${"x".repeat(301)}`), { tooLong: 301 });
});

test("ordinary questions are not note commands", () => {
  for (const text of [
    "9000",
    "postgres",
    "notes on the payments API",
    "notebook 8888",
    "what is 22",
    "",
  ]) {
    assert.equal(parseNoteCommand(text), null, text);
  }
});
