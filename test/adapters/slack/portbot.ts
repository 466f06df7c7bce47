// The core the Slack tests run against.
import type { Portbot } from "../../../src/core/portbot-api.ts";
import { stubPortbot } from "./stub-portbot.ts";

let shared: Portbot | null = null;

export function testPortbot(): Portbot {
  shared ??= stubPortbot();
  return shared;
}
