// Whether a Slack user is a bot. Reaction events carry only a user id, so the kit's rule (no bot's
// reaction counts, this one's or another's) needs one users.info per new voter; answers are cached
// for an hour, and a failed look-up counts the voter as a person rather than dropping the vote.
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../logger.ts";
import type { BotIdentity } from "./port.ts";

const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;

export type BotCheck = (userId: string) => Promise<boolean>;

export function botCheck(
  client: webApi.WebClient,
  identity: BotIdentity,
  logger: Logger,
): BotCheck {
  const cache = new Map<string, { bot: boolean; until: number }>();
  return async (userId) => {
    if (userId === identity.botUserId) return true;
    const now = Date.now();
    const hit = cache.get(userId);
    if (hit !== undefined && hit.until > now) return hit.bot;
    try {
      const info = await client.users.info({ user: userId });
      const bot = info.user?.is_bot === true || info.user?.is_app_user === true;
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(userId, { bot, until: now + TTL_MS });
      return bot;
    } catch (error) {
      logger.warn(
        { err: error, userId },
        "slack: users.info failed; counting the voter as a person",
      );
      return false;
    }
  };
}
