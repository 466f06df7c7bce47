// .env.example documents every variable the configuration reads, each with a comment above it, and
// copying it as it is gives a valid (empty) configuration: no value, let alone a secret, in it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parseEnv } from "node:util";
import { CONFIG_VARIABLES, checkConfig } from "../src/config.ts";

const text = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
const lines = text.split("\n");
const assignments = lines
  .map((line, i) => ({ line, i, name: /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] }))
  .filter((a): a is { line: string; i: number; name: string } => a.name !== undefined);
/** Read outside config.ts: by compose.yaml. */
const ALSO_DOCUMENTED = ["POSTGRES_PASSWORD", "PORTBOT_HTTP_PORT"];

test("every variable the configuration reads is in .env.example, and nothing else", () => {
  const names = assignments.map((a) => a.name);
  assert.deepEqual(new Set(names).size, names.length, "each once");
  for (const name of CONFIG_VARIABLES) assert.ok(names.includes(name), `${name} is documented`);
  for (const name of names) {
    assert.ok(
      CONFIG_VARIABLES.includes(name) || ALSO_DOCUMENTED.includes(name),
      `${name} is read somewhere`,
    );
  }
});

test("each variable has a comment right above it", () => {
  for (const { name, i } of assignments) {
    assert.match(lines[i - 1] ?? "", /^# \S/, `${name} is explained`);
  }
});

test("copied as is, it is a valid configuration with every value empty", () => {
  const env = parseEnv(text);
  for (const [name, value] of Object.entries(env)) assert.equal(value, "", `${name} is empty`);
  assert.deepEqual(checkConfig({ HOME: "/home/test", ...env }).problems, []);
});
