// NOTES_EDITORS on Discord: a role the asker has in the guild lets them change notes.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { portCommandData, type RecordedRequest } from "../../fakes/discord.ts";
import { type Harness, startHarness } from "./harness.ts";

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const EDITORS_ROLE = "700000000000000042";
const editedOf = (payload: Record<string, unknown>) => (r: RecordedRequest) =>
  r.method === "PATCH" && r.decodedPath.endsWith(`/${payload.token}/messages/@original`);

async function noteAs(roles: string[], text: string): Promise<string> {
  const fake = (h as Harness).fake;
  const user = { id: "800000000000000005", username: "editor", roles };
  const payload = fake.sendInteraction(2, portCommandData(text), { user });
  const edit = await fake.waitForRequest(editedOf(payload));
  return JSON.stringify(edit.body);
}

test("a member with a role named in NOTES_EDITORS may add notes; without it they may not", async () => {
  h = await startHarness({
    notesEditors: [EDITORS_ROLE],
    fake: { roles: [EDITORS_ROLE, "700000000000000001"] },
  });
  const allowed = await noteAs([EDITORS_ROLE], "note 9500 metrics relay");
  assert.match(allowed, /Noted on 9500/);
  const denied = await noteAs(["700000000000000001"], "note 9501 not mine");
  assert.match(denied, /Only the people your team chose/);
  // The note names its author as Discord shows them, not by a snowflake.
  assert.match(await noteAs([], "9500"), /team note by editor ·/);
  const scope = { platform: "discord" as const, workspace: h.fake.guildId };
  const notes = await h.store.listNotes(scope);
  assert.deepEqual(
    notes.map((n) => n.text),
    ["metrics relay"],
  );
});
