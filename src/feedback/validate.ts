// Boundary checks for everything a store is given: a malformed record fails here with an error that
// names the field, before any SQL runs.
import { z } from "zod";
import { MAX_NOTE_CHARS } from "../core/notes/model.ts";
import { RATINGS } from "../core/stats-model.ts";
import { PROTOCOLS } from "../core/types.ts";
import type {
  AnswerRecord,
  NoteInput,
  NoteLimits,
  NoteRemoval,
  NoteScope,
  ReactionEvent,
  StatsOptions,
} from "./types.ts";

/** Input a store refuses; `field` is the dotted path of the first problem (e.g. `ports.2`). */
export class FeedbackInputError extends Error {
  override name = "FeedbackInputError";
  readonly field: string;
  readonly problems: string[];
  constructor(what: string, problems: { field: string; message: string }[]) {
    const lines = problems.map((p) => `${p.field || "(value)"}: ${p.message}`);
    super(`Invalid ${what}: ${lines.join("; ")}`);
    this.field = problems[0]?.field ?? "";
    this.problems = lines;
  }
}

/** Longest query kept with an answer; longer text (4 KB of junk) is cut, not refused. */
export const MAX_QUERY_CHARS = 1000;

/**
 * PostgreSQL text cannot hold U+0000 (error 22021) while SQLite can, so the same input would be
 * kept by one store and refused by the other: both store it as U+FFFD instead.
 */
const withoutNul = (s: string) => s.replaceAll("\u0000", "\uFFFD");
const id = (max = 200) => z.string().max(max).transform(withoutNul);
const required = (max = 200) =>
  z.string().min(1, "must not be empty").max(max).transform(withoutNul);
const date = z.date().refine((d) => !Number.isNaN(d.getTime()), "must be a valid date");
const platform = z.enum(["slack", "discord", "shell"]);

const AnswerSchema = z.object({
  platform,
  workspace: id(),
  channel: required(),
  messageId: required(),
  thread: z.string().max(200).transform(withoutNul).nullable(),
  query: z.string().transform((q) => withoutNul(q.slice(0, MAX_QUERY_CHARS))),
  ports: z
    .array(z.number().int().min(0).max(65535))
    .max(65536)
    .transform((ports) => [...new Set(ports)]),
  asker: id(),
  at: date,
});

const ReactionSchema = z.object({
  eventId: required(),
  platform,
  workspace: id(),
  channel: required(),
  messageId: required(),
  voter: required(),
  rating: z.enum(RATINGS),
  action: z.enum(["added", "removed"]),
  fromBot: z.boolean(),
  at: date,
});

const StatsOptionsSchema = z
  .object({
    since: date.optional(),
    top: z.number().int().min(1).max(1000).optional(),
  })
  .optional();

const EventIdSchema = z.object({ eventId: required(), at: date.optional() });

const port = z.number().int().min(0).max(65535);
const NoteScopeSchema = z.object({ platform, workspace: id() });
const NoteTargetSchema = z
  .object({ first: port, last: port, protocol: z.enum(PROTOCOLS).nullable() })
  .refine((t) => t.first <= t.last, { message: "first must be <= last", path: ["last"] });

const NoteSchema = z
  .object({
    platform,
    workspace: id(),
    first: port,
    last: port,
    protocol: z.enum(PROTOCOLS).nullable(),
    text: z
      .string()
      .transform((t) => withoutNul(t).replace(/\s+/gu, " ").trim())
      .refine((t) => t.length > 0, "must not be empty")
      .refine((t) => [...t].length <= MAX_NOTE_CHARS, `at most ${MAX_NOTE_CHARS} characters`),
    author: required(),
    authorName: z
      .string()
      .transform((n) => withoutNul(n).replace(/\s+/gu, " ").trim().slice(0, 80))
      .nullable()
      .transform((n) => (n === "" ? null : n)),
    at: date,
  })
  .refine((t) => t.first <= t.last, { message: "first must be <= last", path: ["last"] });

const NoteRemovalSchema = z.object({
  platform,
  workspace: id(),
  id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  target: NoteTargetSchema.nullable(),
  by: required(),
  at: date,
});

const NoteLimitsSchema = z.object({
  perTarget: z.number().int().min(1),
  changes: z.number().int().min(1),
  windowMs: z.number().int().min(1),
});

function parse<T>(schema: z.ZodType<T>, what: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new FeedbackInputError(
    what,
    result.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
  );
}

export const validAnswer = (a: AnswerRecord): AnswerRecord => parse(AnswerSchema, "answer", a);
export const validReaction = (e: ReactionEvent): ReactionEvent =>
  parse(ReactionSchema, "reaction", e);
export const validStatsOptions = (o: StatsOptions | undefined): StatsOptions =>
  parse(StatsOptionsSchema, "stats options", o) ?? {};
export const validClaim = (eventId: string, at: Date | undefined): { eventId: string; at?: Date } =>
  parse(EventIdSchema, "event claim", { eventId, at });
export const validNote = (n: NoteInput): NoteInput => parse(NoteSchema, "note", n);
export const validNoteScope = (s: NoteScope): NoteScope => parse(NoteScopeSchema, "note scope", s);
export const validNoteLimits = (l: NoteLimits): NoteLimits =>
  parse(NoteLimitsSchema, "note limits", l);
export const validNoteRemoval = (r: NoteRemoval): NoteRemoval =>
  parse(NoteRemovalSchema, "note removal", r);
