// manifests/slack-app.yaml must declare exactly what the code registers and needs: the slash
// command, the shortcut's callback id, the bot events, and the scopes for the Web API methods and
// events the adapter uses.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { Answerer } from "../../../src/adapters/slack/answerer.ts";
import type { SlackDeps } from "../../../src/adapters/slack/deps.ts";
import {
  type ListenerHost,
  registerListeners,
} from "../../../src/adapters/slack/listeners/index.ts";
import { INTERACTIVE_RETRY } from "../../../src/adapters/slack/retry.ts";
import { createLogger } from "../../../src/logger.ts";
import {
  appMentionEvent,
  eventCallback,
  FAKE_BOT_USER_ID,
  messageShortcut,
  reactionEvent,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
} from "../../fakes/slack.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./harness.ts";
import { parseYamlSubset, type Yaml } from "./yaml-subset.ts";

type Obj = { [key: string]: Yaml };
const obj = (v: Yaml | undefined): Obj => {
  assert.ok(typeof v === "object" && v !== null && !Array.isArray(v), "expected a mapping");
  return v;
};
const list = (v: Yaml | undefined): Yaml[] => {
  assert.ok(Array.isArray(v), "expected a list");
  return v;
};

const manifest = obj(
  parseYamlSubset(
    readFileSync(new URL("../../../manifests/slack-app.yaml", import.meta.url), "utf8"),
  ),
);
const features = obj(manifest.features);
const settings = obj(manifest.settings);
const botScopes = new Set(list(obj(obj(manifest.oauth_config).scopes).bot).map(String));
const botEvents = new Set(list(obj(settings.event_subscriptions).bot_events).map(String));

/** What registerListeners registers, recorded without Bolt. */
function registered() {
  const commands: string[] = [];
  const events: string[] = [];
  const shortcuts: unknown[] = [];
  const host = {
    command: (name: unknown) => void commands.push(String(name)),
    event: (name: unknown) => void events.push(String(name)),
    shortcut: (constraints: unknown) => void shortcuts.push(constraints),
  } as unknown as ListenerHost; // only the three registration methods are called
  const deps = {
    logger: createLogger({ level: "silent" }),
    identity: { botUserId: "U", botId: "B" },
    retry: INTERACTIVE_RETRY,
  } as unknown as SlackDeps; // registration only stores deps; no listener runs here
  registerListeners(host, deps, {} as Answerer);
  return { commands, events, shortcuts };
}

test("the slash command in the manifest is the one the code registers", () => {
  const declared = list(features.slash_commands).map((c) => String(obj(c).command));
  assert.deepEqual(declared, registered().commands);
});

test("the shortcut's callback id and type match", () => {
  const declared = list(features.shortcuts).map((s) => ({
    type: obj(s).type === "message" ? "message_action" : String(obj(s).type),
    callback_id: String(obj(s).callback_id),
  }));
  assert.deepEqual(declared, registered().shortcuts);
});

test("bot events are exactly the events the code listens to", () => {
  assert.deepEqual([...botEvents].sort(), [...new Set(registered().events)].sort());
});

test("Socket Mode, interactivity and the Home tab are on", () => {
  assert.equal(settings.socket_mode_enabled, true);
  assert.equal(obj(settings.interactivity).is_enabled, true);
  assert.equal(obj(features.app_home).home_tab_enabled, true);
});

// Scopes: what each Web API method and event the adapter uses needs (null: no scope).
const METHOD_SCOPE: Record<string, string | null> = {
  "auth.test": null,
  "apps.connections.open": null, // app-level token (connections:write), not a bot scope
  "chat.postMessage": "chat:write",
  "chat.postEphemeral": "chat:write",
  "reactions.add": "reactions:write",
  "views.publish": null,
  "users.info": "users:read", // is a voter a bot? (reaction events carry only the user id)
};
const EVENT_SCOPE: Record<string, string | null> = {
  app_mention: "app_mentions:read",
  reaction_added: "reactions:read",
  reaction_removed: "reactions:read",
  app_home_opened: null,
};

let h: Harness;
before(async () => {
  h = await startHarness({ mode: "http" });
});
after(async () => {
  await h.close();
});

test("the bot scopes are exactly those the methods and events in use need", async () => {
  // Exercise every path that calls the Web API.
  const url = h.fake.responseUrl();
  await sendSlashCommand(h.url, SIGNING_SECRET, { text: "5432", response_url: url });
  await sendEvent(
    h.url,
    SIGNING_SECRET,
    eventCallback(appMentionEvent(`<@${FAKE_BOT_USER_ID}> 22`)),
  );
  await sendEvent(
    h.url,
    SIGNING_SECRET,
    eventCallback(appMentionEvent(`<@${FAKE_BOT_USER_ID}> lunch?`)),
  );
  await sendInteraction(h.url, SIGNING_SECRET, messageShortcut("6379", h.fake.responseUrl()));
  await sendEvent(
    h.url,
    SIGNING_SECRET,
    eventCallback({
      type: "app_home_opened",
      user: "U0HOME0001",
      channel: "D0HOME0001",
      tab: "home",
    }),
  );
  await sendEvent(
    h.url,
    SIGNING_SECRET,
    eventCallback(reactionEvent("added", "smiley", { channel: "C0CHANNEL1", ts: "1.2" })),
  );
  await h.slack.idle();
  const methods = new Set(h.fake.calls.map((c) => c.method));
  for (const m of [
    "chat.postMessage",
    "chat.postEphemeral",
    "reactions.add",
    "views.publish",
    "users.info",
  ]) {
    assert.ok(methods.has(m), `scenario exercised ${m}`);
  }
  const needed = new Set<string>(["commands"]); // the slash command and the shortcut
  for (const m of methods) {
    assert.ok(m in METHOD_SCOPE, `scope for ${m} is known`);
    const scope = METHOD_SCOPE[m];
    if (scope) needed.add(scope);
  }
  for (const e of botEvents) {
    assert.ok(e in EVENT_SCOPE, `scope for event ${e} is known`);
    const scope = EVENT_SCOPE[e];
    if (scope) needed.add(scope);
  }
  assert.deepEqual([...botScopes].sort(), [...needed].sort());
});
