// The schemas reject what they exist to reject, so validation cannot silently go missing.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ChecksFileSchema,
  CheckTemplateSchema,
  EphemeralRangeSchema,
  EphemeralRangesFileSchema,
  UnofficialUseSchema,
  UnofficialUsesFileSchema,
} from "../../../src/core/knowledge/schema.ts";

const use = {
  name: "Example",
  aliases: ["example"],
  first: 1000,
  last: 1000,
  protocols: ["tcp"],
  description: "An example use.",
  confidence: "community-reported",
  source: "https://example.com/docs",
  category: "other",
};

const range = {
  system: "Example OS",
  first: 40000,
  last: 50000,
  setting: "sysctl example",
  note: null,
  source: "https://example.com/docs",
};

const check = {
  platform: "Linux",
  protocol: "tcp",
  command: "ss -ltn 'sport = :{port}'",
  note: null,
};

const rejects = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  assert.equal(schema.safeParse(value).success, false, JSON.stringify(value));

describe("UnofficialUseSchema", () => {
  it("accepts a well-formed entry", () => {
    assert.ok(UnofficialUseSchema.safeParse(use).success);
  });

  it("rejects ports outside 0-65535 and non-integers", () => {
    rejects(UnofficialUseSchema, { ...use, first: -1 });
    rejects(UnofficialUseSchema, { ...use, last: 65536 });
    rejects(UnofficialUseSchema, { ...use, first: 1.5, last: 2 });
  });

  it("rejects first > last", () => {
    rejects(UnofficialUseSchema, { ...use, first: 2000, last: 1000 });
  });

  it("rejects non-https sources", () => {
    rejects(UnofficialUseSchema, { ...use, source: "http://example.com/docs" });
    rejects(UnofficialUseSchema, { ...use, source: "example.com" });
    rejects(UnofficialUseSchema, { ...use, source: "ftp://example.com/" });
  });

  it("rejects empty or unknown protocols, bad confidence and unknown categories", () => {
    rejects(UnofficialUseSchema, { ...use, protocols: [] });
    rejects(UnofficialUseSchema, { ...use, protocols: ["icmp"] });
    rejects(UnofficialUseSchema, { ...use, protocols: ["tcp", "tcp"] });
    rejects(UnofficialUseSchema, { ...use, confidence: "iana-assigned" });
    rejects(UnofficialUseSchema, { ...use, confidence: "sure" });
    rejects(UnofficialUseSchema, { ...use, category: "misc" });
  });

  it("rejects descriptions too long for chat or spanning lines", () => {
    rejects(UnofficialUseSchema, { ...use, description: "x".repeat(201) });
    rejects(UnofficialUseSchema, { ...use, description: "two\nlines" });
    rejects(UnofficialUseSchema, { ...use, description: "" });
  });

  it("rejects upper-case aliases and unknown fields", () => {
    rejects(UnofficialUseSchema, { ...use, aliases: ["Mongo"] });
    rejects(UnofficialUseSchema, { ...use, url: "https://example.com" });
  });

  it("rejects duplicate names in a file", () => {
    assert.ok(UnofficialUsesFileSchema.safeParse([use, { ...use, name: "Other" }]).success);
    rejects(UnofficialUsesFileSchema, [use, { ...use, name: "example" }]);
  });
});

describe("EphemeralRangeSchema", () => {
  it("accepts a well-formed entry", () => {
    assert.ok(EphemeralRangeSchema.safeParse(range).success);
  });

  it("rejects negative ports, first > last and http sources", () => {
    rejects(EphemeralRangeSchema, { ...range, first: -5 });
    rejects(EphemeralRangeSchema, { ...range, first: 60000, last: 50000 });
    rejects(EphemeralRangeSchema, { ...range, source: "http://example.com" });
  });

  it("rejects duplicate systems and an empty file", () => {
    rejects(EphemeralRangesFileSchema, [range, range]);
    rejects(EphemeralRangesFileSchema, []);
  });
});

describe("CheckTemplateSchema", () => {
  it("accepts a well-formed entry", () => {
    assert.ok(CheckTemplateSchema.safeParse(check).success);
  });

  it("rejects commands without {port} or with unknown placeholders", () => {
    rejects(CheckTemplateSchema, { ...check, command: "ss -ltn" });
    rejects(CheckTemplateSchema, { ...check, command: "ss -ltn 'sport = :{prot}' {port}" });
  });

  it("rejects protocols other than tcp and udp", () => {
    rejects(CheckTemplateSchema, { ...check, protocol: "sctp" });
  });

  it("rejects duplicate checks in a file", () => {
    rejects(ChecksFileSchema, [check, check]);
  });
});
