// The App Home tab: how to use the bot and the team's rating stats, both worded by the core.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { homeView } from "../../blocks.ts";
import type { SlackDeps } from "../../deps.ts";
import { errorSummary } from "../../port.ts";
import { withRateLimitRetry } from "../../retry.ts";

export function appHomeOpened(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    try {
      const stats = deps.portbot.stats(await deps.store.stats());
      const view = homeView(deps.portbot.help(), stats);
      await withRateLimitRetry(
        () => client.views.publish({ user_id: event.user, view }),
        deps.retry,
      );
    } catch (error) {
      deps.logger.error(errorSummary(error), "slack: publishing App Home failed");
    }
  };
}
