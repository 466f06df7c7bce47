// How a Slack user is shown when an event carries only their id (mentions, DMs): a team note names
// its author. users.info (scope users:read, which the bot check already needs); a failed look-up
// leaves the id to name the author rather than refusing the note.
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../logger.ts";

/** The user's display name, else their full name, else their handle; null if Slack will not say. */
export async function displayName(
  client: webApi.WebClient,
  userId: string,
  logger: Logger,
): Promise<string | null> {
  try {
    const { user } = await client.users.info({ user: userId });
    const name = [user?.profile?.display_name, user?.profile?.real_name, user?.name].find(
      (n) => typeof n === "string" && n.trim() !== "",
    );
    return name?.trim() ?? null;
  } catch (error) {
    logger.warn({ err: error, userId }, "slack: users.info failed; the note names the user id");
    return null;
  }
}
