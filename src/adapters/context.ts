// What main.ts hands every adapter. Adapters depend on the core and the store, never the reverse.
import type { Config } from "../config.ts";
import type { Portbot } from "../core/portbot-api.ts";
import type { FeedbackStore } from "../feedback/types.ts";
import type { Logger } from "../logger.ts";

export interface AdapterContext {
  config: Config;
  portbot: Portbot;
  store: FeedbackStore;
  logger: Logger;
}

export interface RunningAdapter {
  readonly name: string;
  stop(): Promise<void>;
}
