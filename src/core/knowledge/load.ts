// Loads the curated knowledge files from data/. Deliberately free of zod: the CLI's cold start is
// budgeted, and the schemas in schema.ts are enforced by the tests on every committed file. What
// this does is cheap and structural, so a broken or hand-edited file fails loudly, naming itself,
// instead of producing odd answers later.

import type {
  CheckTemplate,
  EphemeralRange,
  ExposureNote,
  Knowledge,
  PrivilegedPortRule,
  UnofficialUse,
} from "../types.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { readFileSync } = process.getBuiltinModule("node:fs");
const { join, resolve } = process.getBuiltinModule("node:path");

/** The repo's data/ directory; same depth from src/core/knowledge/ and dist/core/knowledge/. */
export const DEFAULT_DATA_DIR = resolve(import.meta.dirname, "../../../data");

export const KNOWLEDGE_FILES = {
  unofficial: "unofficial-uses.json",
  ephemeral: "ephemeral-ranges.json",
  checks: "checks.json",
  exposure: "exposure-notes.json",
  privileged: "privileged-ports.json",
} as const;

type Kind = "string" | "number" | "array" | "string|null" | "boolean";

/** Required fields per file and their JSON kind. */
const SHAPES = {
  unofficial: {
    name: "string",
    aliases: "array",
    first: "number",
    last: "number",
    protocols: "array",
    description: "string",
    confidence: "string",
    source: "string",
    category: "string",
    prominence: "number",
  },
  ephemeral: {
    system: "string",
    first: "number",
    last: "number",
    setting: "string|null",
    note: "string|null",
    source: "string",
    current: "boolean",
  },
  checks: {
    platform: "string",
    protocol: "string",
    command: "string",
    note: "string",
    finds: "string",
    brief: "string",
  },
  exposure: {
    first: "number",
    last: "number",
    protocols: "array",
    product: "string",
    note: "string",
    source: "string",
  },
  privileged: {
    system: "string",
    rule: "string",
    setting: "string|null",
    source: "string",
  },
} as const satisfies Record<keyof typeof KNOWLEDGE_FILES, Record<string, Kind>>;

export class KnowledgeLoadError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`curated knowledge file ${file}: ${message}`, options);
    this.name = "KnowledgeLoadError";
    this.file = file;
  }
}

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "array":
      return Array.isArray(value);
    case "number":
      return typeof value === "number" && Number.isInteger(value);
    case "string":
      return typeof value === "string";
    case "string|null":
      return value === null || typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
  }
}

function readArray(path: string, shape: Readonly<Record<string, Kind>>): unknown[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new KnowledgeLoadError(path, "cannot be read", { cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new KnowledgeLoadError(path, "is not valid JSON", { cause });
  }
  if (!Array.isArray(data)) {
    throw new KnowledgeLoadError(path, "must hold a JSON array of objects");
  }
  data.forEach((entry: unknown, i) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new KnowledgeLoadError(path, `entry ${i} is not an object`);
    }
    const record = entry as Record<string, unknown>;
    for (const [field, kind] of Object.entries(shape)) {
      if (!hasKind(record[field], kind)) {
        throw new KnowledgeLoadError(path, `entry ${i}: "${field}" must be ${kind}`);
      }
    }
  });
  return data;
}

/**
 * Reads data/unofficial-uses.json, data/ephemeral-ranges.json, data/checks.json,
 * data/exposure-notes.json and data/privileged-ports.json.
 * Throws KnowledgeLoadError (naming the file) when one is missing, not JSON, or not an array of
 * objects with the expected fields. Content rules live in schema.ts and are checked by tests.
 */
export function loadKnowledge(dataDir: string = DEFAULT_DATA_DIR): Knowledge {
  const file = (name: string) => join(dataDir, name);
  return {
    // The casts are sound to the extent the structural check above goes; the full zod schemas
    // (schema.ts) are enforced on the committed files by test/core/knowledge.
    unofficial: readArray(file(KNOWLEDGE_FILES.unofficial), SHAPES.unofficial) as UnofficialUse[],
    ephemeral: readArray(file(KNOWLEDGE_FILES.ephemeral), SHAPES.ephemeral) as EphemeralRange[],
    checks: readArray(file(KNOWLEDGE_FILES.checks), SHAPES.checks) as CheckTemplate[],
    exposure: readArray(file(KNOWLEDGE_FILES.exposure), SHAPES.exposure) as ExposureNote[],
    privileged: readArray(
      file(KNOWLEDGE_FILES.privileged),
      SHAPES.privileged,
    ) as PrivilegedPortRule[],
  };
}
