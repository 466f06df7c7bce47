// A platform port for kit tests: records what was sent, and can hold public posts until released.
import type { Place, PlatformPort } from "../../src/adapters/kit/platform-port.ts";
import type { Reply } from "../../src/core/reply-model.ts";

export interface RecordingPort extends PlatformPort {
  readonly posted: Reply[];
  readonly privately: Reply[];
}

export function recordingPort(
  options: { hold?: Promise<void>; ratings?: "react" | "type" | null; buttons?: boolean } = {},
): RecordingPort {
  const posted: Reply[] = [];
  const privately: Reply[] = [];
  let ids = 0;
  return {
    capabilities: {
      privateReplies: true,
      ratings: options.ratings ?? "react",
      buttons: options.buttons ?? true,
    },
    posted,
    privately,
    async postPublic(reply) {
      if (options.hold) await options.hold;
      posted.push(reply);
      return { channel: "C1", messageId: `m${++ids}` };
    },
    async sendPrivate(replies) {
      privately.push(...replies);
    },
    async react() {},
    classify: () => "other",
  };
}

export const TEST_PLACE: Place = {
  platform: "slack",
  workspace: "T1",
  channel: "C1",
  thread: null,
  asker: "U1",
};
