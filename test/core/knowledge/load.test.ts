// loadKnowledge returns exactly what the files hold, and fails clearly (naming the file) when a
// file is missing or malformed.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  DEFAULT_DATA_DIR,
  KNOWLEDGE_FILES,
  KnowledgeLoadError,
  loadKnowledge,
} from "../../../src/core/knowledge/load.ts";

const read = (name: string): unknown =>
  JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, name), "utf8"));

describe("loadKnowledge", () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A data dir holding valid copies of the three files, with `overrides` written over them. */
  function dataDir(overrides: Partial<Record<keyof typeof KNOWLEDGE_FILES, string | null>>) {
    const dir = mkdtempSync(join(tmpdir(), "portbot-knowledge-"));
    dirs.push(dir);
    for (const [key, name] of Object.entries(KNOWLEDGE_FILES)) {
      const override = overrides[key as keyof typeof KNOWLEDGE_FILES];
      if (override === null) continue; // leave the file out
      writeFileSync(join(dir, name), override ?? readFileSync(join(DEFAULT_DATA_DIR, name)));
    }
    return dir;
  }

  it("resolves the repo's data/ directory by default", () => {
    assert.equal(DEFAULT_DATA_DIR, join(import.meta.dirname, "../../../data"));
  });

  it("returns the same data the files hold", () => {
    const knowledge = loadKnowledge();
    assert.deepEqual(knowledge.unofficial, read(KNOWLEDGE_FILES.unofficial));
    assert.deepEqual(knowledge.ephemeral, read(KNOWLEDGE_FILES.ephemeral));
    assert.deepEqual(knowledge.checks, read(KNOWLEDGE_FILES.checks));
    assert.deepEqual(knowledge.exposure, read(KNOWLEDGE_FILES.exposure));
    assert.deepEqual(knowledge.privileged, read(KNOWLEDGE_FILES.privileged));
    assert.ok(knowledge.exposure.length > 0);
  });

  it("reads from a given directory", () => {
    const dir = dataDir({
      checks: JSON.stringify([
        {
          platform: "Linux",
          protocol: "tcp",
          command: "ss -ltn 'sport = :{port}'",
          note: "x",
          finds: "listeners",
          brief: "x",
        },
      ]),
    });
    const knowledge = loadKnowledge(dir);
    assert.equal(knowledge.checks.length, 1);
    assert.equal(knowledge.checks[0]?.command, "ss -ltn 'sport = :{port}'");
  });

  it("does not import zod or the schemas", () => {
    const source = readFileSync(
      join(import.meta.dirname, "../../../src/core/knowledge/load.ts"),
      "utf8",
    );
    const specifiers = [...source.matchAll(/^import\b[^;]*?from\s+["']([^"']+)["']/gm)].map(
      (m) => m[1],
    );
    assert.ok(specifiers.length > 0, "no imports found; the check is broken");
    for (const specifier of specifiers) {
      assert.ok(specifier !== "zod" && !specifier?.endsWith("schema.ts"), specifier);
    }
  });

  const failures: [string, Partial<Record<keyof typeof KNOWLEDGE_FILES, string | null>>, RegExp][] =
    [
      ["a missing file", { checks: null }, /checks\.json: cannot be read/],
      ["invalid JSON", { ephemeral: "[{" }, /ephemeral-ranges\.json: is not valid JSON/],
      ["an object instead of an array", { unofficial: "{}" }, /unofficial-uses\.json: must hold/],
      [
        "an entry that is not an object",
        { checks: "[1]" },
        /checks\.json: entry 0 is not an object/,
      ],
      ["an entry that is an array", { checks: "[[]]" }, /checks\.json: entry 0 is not an object/],
      [
        "a missing field",
        {
          ephemeral:
            '[{"system":"x","first":1,"setting":null,"note":null,"source":"https://x.org"}]',
        },
        /ephemeral-ranges\.json: entry 0: "last" must be number/,
      ],
      [
        "a use without a prominence",
        {
          unofficial:
            '[{"name":"x","aliases":[],"first":1,"last":1,"protocols":["tcp"],"description":"d","confidence":"community-reported","source":"https://x.org/a","category":"other"}]',
        },
        /unofficial-uses\.json: entry 0: "prominence" must be number/,
      ],
      [
        "an ephemeral range without the current flag",
        {
          ephemeral:
            '[{"system":"x","first":1,"last":2,"setting":null,"note":null,"source":"https://x.org"}]',
        },
        /ephemeral-ranges\.json: entry 0: "current" must be boolean/,
      ],
      [
        "a check without a note",
        {
          checks: '[{"platform":"Linux","protocol":"tcp","command":"ss {port}","note":null}]',
        },
        /checks\.json: entry 0: "note" must be string/,
      ],
      ["a missing exposure file", { exposure: null }, /exposure-notes\.json: cannot be read/],
      [
        "an exposure note without a source",
        {
          exposure: '[{"first":1,"last":1,"protocols":["tcp"],"product":"x","note":"n"}]',
        },
        /exposure-notes\.json: entry 0: "source" must be string/,
      ],
      [
        "a field of the wrong type",
        {
          checks: '[{"platform":"Linux","protocol":"tcp","command":7,"note":null}]',
        },
        /checks\.json: entry 0: "command" must be string/,
      ],
    ];
  for (const [what, overrides, message] of failures) {
    it(`throws a KnowledgeLoadError naming the file for ${what}`, () => {
      const dir = dataDir(overrides);
      assert.throws(
        () => loadKnowledge(dir),
        (error: unknown) => {
          assert.ok(error instanceof KnowledgeLoadError);
          assert.match(error.message, message);
          assert.ok(error.file.startsWith(dir));
          return true;
        },
      );
    });
  }
});
