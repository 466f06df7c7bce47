// Zod schemas for the curated knowledge files in data/. The loader (load.ts) does not import
// this module, so the CLI's cold start never pays for zod; the tests validate every file with it.

import { z } from "zod";
import { MAX_PORT, PROTOCOLS } from "../types.ts";
import { isRootSource } from "./sources.ts";

/** The fixed vocabulary of `category` in data/unofficial-uses.json. */
export const CATEGORIES = [
  "development",
  "ai",
  "database",
  "messaging",
  "containers",
  "monitoring",
  "remote-access",
  "vpn",
  "games",
  "apple",
  "microsoft",
  "google",
  "web",
  "media",
  "iot",
  "security",
  "storage",
  "networking",
  "other",
  "industrial",
  "malware",
  "p2p",
  "enterprise",
  "appliances",
  "backup",
  "cloud",
  "voip",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Chat-sized limit for one-line descriptions and notes. */
export const MAX_DESCRIPTION = 200;

/** At most this share of curated uses may cite a repository root or a home page. */
export const MAX_ROOT_SHARE = 0.2;

/** What a check lists: listening sockets, connections, or both (every socket on the port). */
export const CHECK_FINDS = ["listeners", "connections", "both"] as const;

/** A check's brief note fits next to its platform on one row of the compact answer. */
export const MAX_CHECK_BRIEF = 48;

/** Placeholders a check command may contain; `{port}` is required. */
export const CHECK_PLACEHOLDERS = ["{port}", "{host}"] as const;

export const PortSchema = z.int().min(0).max(MAX_PORT);

export const HttpsUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain });

const OneLine = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.trim() === s, "no leading or trailing spaces")
    .refine((s) => !/[\r\n\t]/.test(s), "one line, no tabs");

const rangeOrdered = (v: { first: number; last: number }) => v.first <= v.last;
const rangeMessage = { message: "first must be <= last", path: ["last"] };

export const UnofficialUseSchema = z
  .strictObject({
    name: OneLine(80),
    aliases: z
      .array(
        OneLine(60).refine(
          (s) => s === s.toLowerCase(),
          "aliases are lower-case (what people type)",
        ),
      )
      .refine((a) => new Set(a).size === a.length, "aliases must be unique"),
    first: PortSchema,
    last: PortSchema,
    protocols: z
      .array(z.enum(PROTOCOLS))
      .min(1)
      .refine((a) => new Set(a).size === a.length, "protocols must be unique"),
    description: OneLine(MAX_DESCRIPTION),
    confidence: z.enum(["vendor-documented", "community-reported"]),
    source: HttpsUrlSchema,
    category: z.enum(CATEGORIES),
    prominence: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  })
  .refine(rangeOrdered, rangeMessage)
  .refine((u) => u.confidence === "community-reported" || !isRootSource(u.source), {
    message: "a repository root or home page is no vendor documentation: community-reported",
    path: ["confidence"],
  });

export const UnofficialUsesFileSchema = z.array(UnofficialUseSchema).superRefine((entries, ctx) => {
  const seen = new Map<string, number>();
  // One entry per product on a span: no two entries with the same first/last share a
  // lower-cased name or alias.
  const products = new Map<string, number>();
  entries.forEach((entry, i) => {
    const key = entry.name.toLowerCase();
    const before = seen.get(key);
    if (before !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `duplicate name "${entry.name}" (also entry ${before})`,
        path: [i, "name"],
      });
    } else {
      seen.set(key, i);
    }
    for (const word of new Set([key, ...entry.aliases])) {
      const span = `${entry.first}-${entry.last}\u0000${word}`;
      const other = products.get(span);
      if (other !== undefined && other !== i) {
        ctx.addIssue({
          code: "custom",
          message: `"${word}" on ${entry.first}-${entry.last} is also entry ${other}: one entry per product and span`,
          path: [i, "aliases"],
        });
      } else {
        products.set(span, i);
      }
    }
  });
});

export const EphemeralRangeSchema = z
  .strictObject({
    system: OneLine(80),
    first: PortSchema,
    last: PortSchema,
    setting: OneLine(120).nullable(),
    note: OneLine(MAX_DESCRIPTION).nullable(),
    source: HttpsUrlSchema,
    current: z.boolean(),
  })
  .refine(rangeOrdered, rangeMessage);

export const EphemeralRangesFileSchema = z
  .array(EphemeralRangeSchema)
  .min(1)
  .refine(
    (entries) => new Set(entries.map((e) => e.system)).size === entries.length,
    "system names must be unique",
  );

export const CheckTemplateSchema = z.strictObject({
  platform: OneLine(40),
  protocol: z.enum(["tcp", "udp"]),
  command: OneLine(MAX_DESCRIPTION)
    .refine((c) => c.includes("{port}"), "command must contain {port}")
    .refine(
      (c) =>
        (c.match(/\{[^}]*\}/g) ?? []).every((p) =>
          (CHECK_PLACEHOLDERS as readonly string[]).includes(p),
        ),
      "only {port} and {host} placeholders are allowed",
    ),
  note: OneLine(MAX_DESCRIPTION),
  finds: z.enum(CHECK_FINDS),
  brief: OneLine(MAX_CHECK_BRIEF),
});

export const ChecksFileSchema = z
  .array(CheckTemplateSchema)
  .min(1)
  .refine(
    (entries) =>
      new Set(entries.map((e) => `${e.platform}\u0000${e.protocol}\u0000${e.command}`)).size ===
      entries.length,
    "checks must be unique per platform, protocol and command",
  )
  .refine(
    (entries) =>
      new Set(entries.map((e) => `${e.platform}\u0000${e.protocol}\u0000${e.note}`)).size ===
      entries.length,
    "checks of one platform and protocol need notes that tell them apart",
  )
  .refine(
    (entries) =>
      new Set(entries.map((e) => `${e.platform}\u0000${e.protocol}\u0000${e.brief}`)).size ===
      entries.length,
    "checks of one platform and protocol need briefs that tell them apart",
  );

export const ExposureNoteSchema = z
  .strictObject({
    first: PortSchema,
    last: PortSchema,
    protocols: z
      .array(z.enum(PROTOCOLS))
      .min(1)
      .refine((a) => new Set(a).size === a.length, "protocols must be unique"),
    product: OneLine(80),
    note: OneLine(MAX_DESCRIPTION),
    source: HttpsUrlSchema,
  })
  .refine(rangeOrdered, rangeMessage);

export const ExposureNotesFileSchema = z
  .array(ExposureNoteSchema)
  .refine(
    (entries) =>
      new Set(entries.map((e) => `${e.first}-${e.last}\u0000${e.product.toLowerCase()}`)).size ===
      entries.length,
    "one exposure note per product and span",
  );

export const PrivilegedPortRuleSchema = z.strictObject({
  system: OneLine(80),
  rule: OneLine(MAX_DESCRIPTION),
  setting: OneLine(120).nullable(),
  source: HttpsUrlSchema,
});

export const PrivilegedPortsFileSchema = z
  .array(PrivilegedPortRuleSchema)
  .min(1)
  .refine(
    (entries) => new Set(entries.map((e) => e.system)).size === entries.length,
    "system names must be unique",
  );
