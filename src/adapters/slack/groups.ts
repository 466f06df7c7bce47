// NOTES_EDITORS on Slack: whether a user is in one of the named user groups (`S…`), through
// usergroups.users.list (scope usergroups:read). Members are cached per group for a minute, so a
// burst of note changes costs one call; a failed look-up denies (a permission check fails closed)
// and is logged with the group.
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../logger.ts";

const TTL_MS = 60_000;

export type GroupCheck = (userId: string, ids: readonly string[]) => Promise<boolean>;

/** Slack user group ids start with S; anything else in NOTES_EDITORS names a user or another platform's role. */
const isUserGroup = (id: string) => /^S[A-Z0-9]+$/.test(id);

export function groupCheck(client: webApi.WebClient, logger: Logger): GroupCheck {
  const cache = new Map<string, { members: ReadonlySet<string>; until: number }>();
  async function members(group: string): Promise<ReadonlySet<string>> {
    const now = Date.now();
    const hit = cache.get(group);
    if (hit !== undefined && hit.until > now) return hit.members;
    const listed = await client.usergroups.users.list({ usergroup: group });
    const set = new Set(listed.users ?? []);
    cache.set(group, { members: set, until: now + TTL_MS });
    return set;
  }
  return async (userId, ids) => {
    for (const group of ids.filter(isUserGroup)) {
      try {
        if ((await members(group)).has(userId)) return true;
      } catch (error) {
        logger.warn({ err: error, group }, "slack: usergroups.users.list failed; not an editor");
      }
    }
    return false;
  };
}

const checks = new WeakMap<webApi.WebClient, GroupCheck>();

/** One cached check per Web API client (the app's, or a worker's). */
export function groupCheckFor(client: webApi.WebClient, logger: Logger): GroupCheck {
  let check = checks.get(client);
  if (check === undefined) {
    check = groupCheck(client, logger);
    checks.set(client, check);
  }
  return check;
}
