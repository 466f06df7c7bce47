// NOTES_EDITORS on Slack: members of a user group named there may change notes (usergroups.users.list);
// when Slack cannot say, nobody outside the list may (a permission check fails closed).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  eventCallback,
  FAKE_TEAM_ID,
  imMessageEvent,
  sendEvent,
  sendSlashCommand,
} from "../../fakes/slack.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./harness.ts";

let h: Harness;
const editors: string[] = ["S0EDITORS1", "S0MISSING1"];
before(async () => {
  h = await startHarness({ mode: "http", skipAuthTest: true, notesEditors: editors });
  h.fake.userGroups.set("S0EDITORS1", ["U0EDITOR01"]);
});
after(async () => {
  await h.close();
});

async function slashAs(user: string, text: string): Promise<string> {
  const responseUrl = h.fake.responseUrl();
  await sendSlashCommand(h.url, SIGNING_SECRET, { text, response_url: responseUrl, user_id: user });
  await h.slack.idle();
  const id = responseUrl.slice(responseUrl.lastIndexOf("/") + 1);
  return JSON.stringify(h.fake.responses.filter((r) => r.id === id).map((r) => r.body));
}

test("a member of a user group in NOTES_EDITORS may add notes; others may not", async () => {
  assert.match(await slashAs("U0EDITOR01", "note 9600 search indexer"), /Noted on 9600/);
  assert.match(
    await slashAs("U0OUTSIDER", "note 9601 not mine"),
    /Only the people your team chose/,
  );
  const calls = h.fake.callsTo("usergroups.users.list").map((c) => c.args.usergroup);
  assert.ok(calls.includes("S0EDITORS1"));
  const notes = await h.store.listNotes({ platform: "slack", workspace: FAKE_TEAM_ID });
  assert.deepEqual(
    notes.map((n) => [n.text, n.author]),
    [["search indexer", "U0EDITOR01"]],
  );
});

test("a user id in NOTES_EDITORS is an editor without any group look-up", async () => {
  editors.push("U0LISTED01");
  try {
    const before = h.fake.callsTo("usergroups.users.list").length;
    assert.match(await slashAs("U0LISTED01", "note 9602 listed by id"), /Noted on 9602/);
    assert.equal(h.fake.callsTo("usergroups.users.list").length, before);
  } finally {
    editors.pop();
  }
});

test("a note from a DM (which carries only a user id) is signed with the author's Slack name", async () => {
  h.fake.displayNames.set("U0EDITOR01", "Ada (payments)");
  const dm = async (text: string) => {
    await sendEvent(
      h.url,
      SIGNING_SECRET,
      eventCallback(imMessageEvent(text, { user: "U0EDITOR01" })),
    );
    await h.slack.idle();
  };
  await dm("note 9603 ledger sync");
  // Slack cannot say who it is: the note is still added, signed with the id.
  h.fake.fail("users.info", { error: "user_not_found" });
  await dm("note 9604 ledger replay");
  const notes = await h.store.listNotes({ platform: "slack", workspace: FAKE_TEAM_ID });
  const byText = new Map(notes.map((n) => [n.text, n.authorName]));
  assert.equal(byText.get("ledger sync"), "Ada (payments)");
  assert.equal(byText.get("ledger replay"), null);
  // The answer about the port shows the note with its author's name.
  const n = h.fake.callsTo("chat.postMessage").length;
  await dm("9603");
  const answer = JSON.stringify(
    h.fake
      .callsTo("chat.postMessage")
      .slice(n)
      .map((c) => c.args),
  );
  assert.match(answer, /ledger sync/);
  assert.match(answer, /Ada \(payments\)/);
});
