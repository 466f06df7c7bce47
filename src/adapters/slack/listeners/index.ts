// Registers every listener (one per file, as in slack-samples/bolt-ts-starter-template). What is
// registered here is what manifests/slack-app.yaml must declare; the manifest test checks it.
import type { App } from "@slack/bolt";
import type { Answerer } from "../answerer.ts";
import type { SlackDeps } from "../deps.ts";
import { BUTTON_ACTION_ID, buttonClicked } from "./actions/button.ts";
import { PORT_COMMAND, portCommand } from "./commands/port.ts";
import { appHomeOpened } from "./events/app-home-opened.ts";
import { appMention } from "./events/app-mention.ts";
import { directMessage } from "./events/direct-message.ts";
import { reactionChanged } from "./events/reactions.ts";
import { EXPLAIN_PORTS_CALLBACK_ID, explainPorts } from "./shortcuts/explain-ports.ts";

/** The parts of App that registration uses (tests pass a recorder). */
export type ListenerHost = Pick<App, "command" | "event" | "shortcut" | "action">;

export function registerListeners(app: ListenerHost, deps: SlackDeps, answerer: Answerer): void {
  app.command(PORT_COMMAND, portCommand(answerer));
  app.event("app_mention", appMention(deps, answerer));
  // Only `message.im` is subscribed (manifests): direct messages to the bot.
  app.event("message", directMessage(deps, answerer));
  app.event("reaction_added", reactionChanged(deps, "added"));
  app.event("reaction_removed", reactionChanged(deps, "removed"));
  app.event("app_home_opened", appHomeOpened(deps));
  app.shortcut(
    { type: "message_action", callback_id: EXPLAIN_PORTS_CALLBACK_ID },
    explainPorts(answerer),
  );
  // Block actions need the manifest's interactivity (both manifests turn it on).
  app.action({ type: "block_actions", action_id: BUTTON_ACTION_ID }, buttonClicked(answerer));
}

export { BUTTON_ACTION_ID, EXPLAIN_PORTS_CALLBACK_ID, PORT_COMMAND };
