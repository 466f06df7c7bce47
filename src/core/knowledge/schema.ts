// Zod schemas for the curated knowledge files in data/. The loader (load.ts) does not import
// this module, so the CLI's cold start never pays for zod; the tests validate every file with it.

import { z } from "zod";
import { MAX_PORT, PROTOCOLS } from "../types.ts";

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
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Chat-sized limit for one-line descriptions and notes. */
export const MAX_DESCRIPTION = 200;

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
  })
  .refine(rangeOrdered, rangeMessage);

export const UnofficialUsesFileSchema = z.array(UnofficialUseSchema).superRefine((entries, ctx) => {
  const seen = new Map<string, number>();
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
  note: OneLine(MAX_DESCRIPTION).nullable(),
});

export const ChecksFileSchema = z
  .array(CheckTemplateSchema)
  .min(1)
  .refine(
    (entries) =>
      new Set(entries.map((e) => `${e.platform}\u0000${e.protocol}\u0000${e.command}`)).size ===
      entries.length,
    "checks must be unique per platform, protocol and command",
  );
