// The schemas reject what they exist to reject, so validation cannot silently go missing.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ChecksFileSchema,
  CheckTemplateSchema,
  EphemeralRangeSchema,
  EphemeralRangesFileSchema,
  ExposureNoteSchema,
  ExposureNotesFileSchema,
  PrivilegedPortRuleSchema,
  PrivilegedPortsFileSchema,
  UnofficialUseSchema,
  UnofficialUsesFileSchema,
} from "../../../src/core/knowledge/schema.ts";
import { isRootSource, rootShare } from "../../../src/core/knowledge/sources.ts";

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
  prominence: 3,
};

const range = {
  system: "Example OS",
  first: 40000,
  last: 50000,
  setting: "sysctl example",
  note: null,
  source: "https://example.com/docs",
  current: false,
};

const check = {
  platform: "Linux",
  protocol: "tcp",
  command: "ss -ltn 'sport = :{port}'",
  note: "Listening TCP sockets.",
  finds: "listeners",
  brief: "listeners",
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
    assert.ok(
      UnofficialUsesFileSchema.safeParse([use, { ...use, name: "Other", aliases: [] }]).success,
    );
    rejects(UnofficialUsesFileSchema, [use, { ...use, name: "example", aliases: [] }]);
  });

  it("rejects two entries for one product on the same span (a shared name or alias)", () => {
    const other = { ...use, name: "Example server", aliases: ["example server"] };
    assert.ok(UnofficialUsesFileSchema.safeParse([use, other]).success);
    // Same first/last, an alias in common.
    rejects(UnofficialUsesFileSchema, [use, { ...other, aliases: ["example"] }]);
    // Same first/last, one's name (any case) is the other's alias.
    rejects(UnofficialUsesFileSchema, [
      other,
      { ...use, name: "Thing", aliases: ["example server"] },
    ]);
    // The same product on another port is fine.
    assert.ok(
      UnofficialUsesFileSchema.safeParse([
        use,
        { ...other, aliases: ["example"], first: 1001, last: 1001 },
      ]).success,
    );
  });

  it("requires a prominence from 1 to 5", () => {
    for (const p of [1, 2, 3, 4, 5])
      assert.ok(UnofficialUseSchema.safeParse({ ...use, prominence: p }).success);
    rejects(UnofficialUseSchema, { ...use, prominence: 0 });
    rejects(UnofficialUseSchema, { ...use, prominence: 6 });
    rejects(UnofficialUseSchema, { ...use, prominence: 2.5 });
    rejects(UnofficialUseSchema, { ...use, prominence: "3" });
    const { prominence: _, ...without } = use;
    rejects(UnofficialUseSchema, without);
  });

  it("accepts the new categories", () => {
    for (const category of [
      "industrial",
      "malware",
      "p2p",
      "enterprise",
      "appliances",
      "backup",
      "cloud",
      "voip",
    ]) {
      assert.ok(UnofficialUseSchema.safeParse({ ...use, category }).success, category);
    }
  });

  it("accepts a repository root or home page only as community-reported", () => {
    for (const source of ["https://github.com/redis/redis", "https://mosh.org/"]) {
      assert.ok(UnofficialUseSchema.safeParse({ ...use, source }).success, source);
      rejects(UnofficialUseSchema, { ...use, source, confidence: "vendor-documented" });
    }
    assert.ok(
      UnofficialUseSchema.safeParse({
        ...use,
        source: "https://github.com/redis/redis/blob/unstable/redis.conf",
        confidence: "vendor-documented",
      }).success,
    );
  });
});

describe("isRootSource", () => {
  it("calls home pages and repository roots roots", () => {
    for (const url of [
      "https://mosh.org",
      "https://mosh.org/",
      "https://github.com/redis/redis",
      "https://github.com/redis/redis/",
      "https://github.com/redis/redis/tree/unstable",
      "https://gitlab.com/owner/repo",
      "https://gitlab.com/owner/repo/-/tree/main",
      "https://github.com/redis",
    ]) {
      assert.equal(isRootSource(url), true, url);
    }
  });

  it("calls pages and files inside a site or repository specific", () => {
    for (const url of [
      "https://github.com/redis/redis/blob/unstable/redis.conf",
      "https://github.com/mobile-shell/mosh/blob/0680f81a9282e49d65609d1b6d037874c64bec9b/man/mosh-server.1",
      "https://github.com/redis/redis/tree/unstable/src",
      "https://gitlab.com/owner/repo/-/blob/main/README.md",
      "https://redis.io/topics/security",
      "https://www.rfc-editor.org/rfc/rfc6335#section-6",
    ]) {
      assert.equal(isRootSource(url), false, url);
    }
  });

  it("measures the share of roots", () => {
    assert.equal(rootShare([]), 0);
    assert.equal(
      rootShare(["https://a.org/", "https://a.org/x", "https://b.org/y", "https://c.org"]),
      0.5,
    );
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

  it("requires the current flag", () => {
    const { current: _, ...without } = range;
    rejects(EphemeralRangeSchema, without);
    rejects(EphemeralRangeSchema, { ...range, current: "yes" });
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

  it("requires a note, and notes that tell neighbouring checks apart", () => {
    rejects(CheckTemplateSchema, { ...check, note: null });
    rejects(CheckTemplateSchema, { ...check, note: "" });
    const other = { ...check, command: "ss -tn 'sport = :{port}'" };
    rejects(ChecksFileSchema, [check, other]);
    assert.ok(
      ChecksFileSchema.safeParse([check, { ...other, note: "Connections.", brief: "connections" }])
        .success,
    );
  });

  it("says what it finds, and briefly, in words that tell neighbouring checks apart", () => {
    rejects(CheckTemplateSchema, { ...check, finds: "sockets" });
    rejects(CheckTemplateSchema, { ...check, brief: "" });
    rejects(CheckTemplateSchema, { ...check, brief: "x".repeat(49) });
    const { brief: _, ...noBrief } = check;
    rejects(CheckTemplateSchema, noBrief);
    const other = { ...check, command: "ss -tn 'sport = :{port}'", note: "Connections." };
    rejects(ChecksFileSchema, [check, other]);
  });
});

const exposure = {
  first: 6379,
  last: 6379,
  protocols: ["tcp"],
  product: "Redis",
  note: "Anyone who reaches it can read or wipe the data.",
  source: "https://redis.io/topics/security",
};

describe("ExposureNoteSchema", () => {
  it("accepts a well-formed note", () => {
    assert.ok(ExposureNoteSchema.safeParse(exposure).success);
    assert.ok(ExposureNotesFileSchema.safeParse([exposure]).success);
  });

  it("rejects a note without an https source, or longer than a line", () => {
    const { source: _, ...without } = exposure;
    rejects(ExposureNoteSchema, without);
    rejects(ExposureNoteSchema, { ...exposure, source: "http://redis.io/topics/security" });
    rejects(ExposureNoteSchema, { ...exposure, source: "" });
    rejects(ExposureNoteSchema, { ...exposure, note: "x".repeat(201) });
    rejects(ExposureNoteSchema, { ...exposure, note: "two\nlines" });
    rejects(ExposureNoteSchema, { ...exposure, protocols: [] });
    rejects(ExposureNoteSchema, { ...exposure, first: 7000, last: 6000 });
  });

  it("rejects two notes for one product and span", () => {
    rejects(ExposureNotesFileSchema, [exposure, { ...exposure, note: "Other words." }]);
  });
});

describe("PrivilegedPortRuleSchema", () => {
  const rule = {
    system: "Linux",
    rule: "Only root may listen below 1024 unless the sysctl is lowered.",
    setting: "sysctl net.ipv4.ip_unprivileged_port_start",
    source: "https://docs.kernel.org/networking/ip-sysctl.html",
  };
  it("accepts a sourced rule and rejects one without a source", () => {
    assert.ok(PrivilegedPortsFileSchema.safeParse([rule]).success);
    rejects(PrivilegedPortRuleSchema, { ...rule, source: "http://example.com" });
    rejects(PrivilegedPortsFileSchema, [rule, rule]);
  });
});
