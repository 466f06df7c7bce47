// A button's id: what it asks for (one section of a port's answer, or sharing a private reply),
// written into the button itself (Slack's `value`, Discord's `custom_id`). Nothing is kept in
// memory, so a click is answered after a restart and by any shard or replica. The id comes back
// from the platform as untrusted text: it is read with zod, and anything else is "invalid".
import { z } from "zod";
import {
  DETAIL_SECTIONS,
  type DetailSection,
  type MoreLink,
  type ShareLink,
  type ShareSource,
} from "../../core/reply-model.ts";

/** What a click asks for. */
export type ButtonAction =
  | { kind: "detail"; port: number; section: DetailSection }
  | { kind: "share"; source: ShareSource };

/** Bumped if the format ever changes, so ids of old answers read as invalid, never as wrong. */
const VERSION = "pb1";
const SEP = "|";

const port = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(65535));
const section = z.enum(DETAIL_SECTIONS as [DetailSection, ...DetailSection[]]);
/** What a person could have typed (the store and the core cap queries at a few hundred). */
const query = z.string().min(1).max(500);

const idSchema = z.union([
  z
    .tuple([z.literal(VERSION), z.literal("d"), port, section])
    .transform(([, , p, s]): ButtonAction => ({ kind: "detail", port: p, section: s })),
  z.tuple([z.literal(VERSION), z.literal("s"), port, section]).transform(
    ([, , p, s]): ButtonAction => ({
      kind: "share",
      source: { kind: "detail", port: p, section: s },
    }),
  ),
  z
    .tuple([z.literal(VERSION), z.literal("q"), query])
    .transform(([, , q]): ButtonAction => ({ kind: "share", source: { kind: "query", query: q } })),
]);

export function encodeButton(action: ButtonAction): string {
  if (action.kind === "detail") return [VERSION, "d", action.port, action.section].join(SEP);
  const s = action.source;
  return s.kind === "detail"
    ? [VERSION, "s", s.port, s.section].join(SEP)
    : [VERSION, "q", s.query].join(SEP);
}

/** The action an id stands for, or null for anything that is not an id this code wrote. */
export function decodeButton(id: unknown): ButtonAction | null {
  if (typeof id !== "string" || id.length > 2000) return null;
  const parts = id.split(SEP);
  // A shared query may itself contain the separator: everything after "q|" is the query.
  const fields = parts[1] === "q" ? [parts[0], "q", parts.slice(2).join(SEP)] : parts;
  const parsed = idSchema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}

/** A button as every platform draws it: its label and id; null when the id would not fit. */
export interface Button {
  readonly label: string;
  readonly id: string;
  /** "share" for Share in channel; the section for the rest of an answer. */
  readonly action: DetailSection | "share";
}

/** The buttons under a one-port card; `withPort` when they stand apart from it (Discord rows). */
export function moreButtons(port: number, more: readonly MoreLink[], withPort = false): Button[] {
  return more.map((m) => ({
    label: withPort ? m.labelWithPort : m.label,
    id: encodeButton({ kind: "detail", port, section: m.section }),
    action: m.section,
  }));
}

/** The Share in channel button, or null when its id would be longer than `maxId` allows. */
export function shareButton(share: ShareLink | null, maxId: number): Button | null {
  if (share === null) return null;
  const id = encodeButton({ kind: "share", source: share.source });
  return id.length <= maxId ? { label: share.label, id, action: "share" } : null;
}
