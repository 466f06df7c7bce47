// Team notes for every adapter: who may change them (NOTES_EDITORS), carrying a note command out
// against the store, and reading a workspace's notes for its answers. A store that fails never
// stops an answer: it goes out without notes, and a note command is told the notes are unavailable.
import type { NoteCommand } from "../../core/notes/command.ts";
import {
  MAX_NOTE_CHANGES,
  MAX_NOTES_PER_TARGET,
  NOTE_CHANGE_WINDOW_MS,
  type TeamNote,
} from "../../core/notes/model.ts";
import type { NoteOutcome } from "../../core/notes/reply.ts";
import type { Reply } from "../../core/reply-model.ts";
import type { NoteChange, NoteLimits, NoteScope } from "../../feedback/types.ts";
import type { FlowDeps } from "./flow.ts";
import type { Place, PlatformPort } from "./platform-port.ts";

export const NOTE_LIMITS: NoteLimits = {
  perTarget: MAX_NOTES_PER_TARGET,
  changes: MAX_NOTE_CHANGES,
  windowMs: NOTE_CHANGE_WINDOW_MS,
};

const scopeOf = (place: Place): NoteScope => ({
  platform: place.platform,
  workspace: place.workspace,
});

/** Anyone, unless NOTES_EDITORS names ids: then the asker's own id, or a group/role they are in. */
export async function mayEditNotes(
  editors: readonly string[],
  place: Place,
  port: Pick<PlatformPort, "memberOf" | "nameOf">,
): Promise<boolean> {
  if (editors.length === 0 || editors.includes(place.asker)) return true;
  return (await port.memberOf?.(editors)) ?? false;
}

function changed(change: NoteChange, kind: "added" | "removed"): NoteOutcome {
  return change.ok ? { kind, note: change.note } : { kind: "refused", why: change.reason };
}

async function carryOut(
  command: Exclude<NoteCommand, { kind: "invalid" }>,
  place: Place,
  port: Pick<PlatformPort, "memberOf" | "nameOf">,
  deps: FlowDeps,
): Promise<NoteOutcome> {
  const scope = scopeOf(place);
  if (command.kind === "list") {
    const notes = await deps.store.listNotes(scope);
    const { target } = command;
    const shown =
      target === null
        ? notes
        : notes.filter((n) => n.first <= target.last && target.first <= n.last);
    return { kind: "listed", target, notes: shown };
  }
  if (!(await mayEditNotes(deps.notesEditors ?? [], place, port))) {
    return { kind: "refused", why: "not-permitted" };
  }
  const at = new Date();
  if (command.kind === "add") {
    const authorName = place.askerName ?? (await port.nameOf?.()) ?? null;
    const input = {
      ...scope,
      ...command.target,
      text: command.text,
      author: place.asker,
      authorName,
      at,
    };
    return changed(await deps.store.addNote(input, NOTE_LIMITS), "added");
  }
  const { id, target } = command;
  return changed(
    await deps.store.removeNote({ ...scope, id, target, by: place.asker, at }, NOTE_LIMITS),
    "removed",
  );
}

/** The reply to a note command: done, refused (with why), or the notes unavailable. */
export async function noteCommandReply(
  command: NoteCommand,
  query: string,
  place: Place,
  port: Pick<PlatformPort, "memberOf" | "nameOf">,
  deps: FlowDeps,
): Promise<Reply> {
  if (command.kind === "invalid")
    return deps.portbot.noteReply(query, { kind: "invalid", command });
  try {
    return deps.portbot.noteReply(query, await carryOut(command, place, port, deps));
  } catch (error) {
    deps.logger.error({ err: error, note: command.kind }, "a team-note command failed");
    return deps.portbot.noteReply(query, { kind: "refused", why: "unavailable" });
  }
}

/** The workspace's live notes for its answers; none (logged) when the store cannot say. */
export async function notesOf(place: Place, deps: FlowDeps): Promise<readonly TeamNote[]> {
  try {
    return await deps.store.listNotes(scopeOf(place));
  } catch (error) {
    deps.logger.warn({ err: error }, "reading the team notes failed; answering without them");
    return [];
  }
}
