// How Slack's requests reach Bolt: Socket Mode when an app-level token is set (an outgoing
// WebSocket, nothing to expose), else Bolt's HTTP receiver on PORT at /slack/events.
import {
  type Logger as BoltLogger,
  HTTPReceiver,
  type Receiver,
  SocketModeReceiver,
} from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import { guardRequests } from "./request-guard.ts";
import { webClientOptions } from "./retry.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackReceiver {
  receiver: Receiver;
  mode: "socket" | "http";
  /** Socket Mode's receiver, whose client the adapter disconnects itself on stop. */
  socket: SocketModeReceiver | null;
}

export function createReceiver(
  slack: SlackConfig,
  logger: BoltLogger,
  guardLogger: Logger,
  socketPingTimeoutMs?: number,
): SlackReceiver {
  if (slack.appToken !== null) {
    const socket = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      // Only the base URL: the Socket Mode client keeps its own patient retries for
      // apps.connections.open when reconnecting.
      installerOptions: {
        clientOptions:
          slack.apiUrl === null ? {} : { slackApiUrl: webClientOptions(slack.apiUrl).slackApiUrl },
      },
      ...(socketPingTimeoutMs === undefined ? {} : { clientPingTimeout: socketPingTimeoutMs }),
    });
    return { receiver: socket, mode: "socket", socket };
  }
  if (slack.signingSecret !== null) {
    const receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      port: slack.port,
      logger,
      // Ack first, work after: the answer's cost stays off the 3-second ack path.
      processBeforeResponse: false,
    });
    guardRequests(receiver, guardLogger);
    return { receiver, mode: "http", socket: null };
  }
  throw new Error("Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)");
}
