// What the Slack listeners share: the kit, the bot's identity and the Web API retry policy.
import type { Portbot } from "../../core/portbot-api.ts";
import type { FeedbackStore } from "../../feedback/types.ts";
import type { Logger } from "../../logger.ts";
import type { Kit } from "../kit/index.ts";
import type { BotCheck } from "./bots.ts";
import type { BotIdentity } from "./port.ts";
import type { RateLimitPolicy } from "./retry.ts";

export interface SlackDeps {
  kit: Kit;
  portbot: Portbot;
  store: FeedbackStore;
  logger: Logger;
  identity: BotIdentity;
  retry: RateLimitPolicy;
  isBot: BotCheck;
}
