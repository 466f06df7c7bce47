// manifests/slack-app.yaml (Socket Mode) and manifests/slack-app-http.yaml (HTTP mode) must each
// declare exactly what the code registers and needs: the slash command, the shortcut's callback
// id, the bot events, and the scopes for the Web API methods and events the adapter uses. They are
// the same app apart from how requests arrive, and a test keeps them so.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { Answerer } from "../../../src/adapters/slack/answerer.ts";
import type { SlackDeps } from "../../../src/adapters/slack/deps.ts";
import {
  type ListenerHost,
  registerListeners,
} from "../../../src/adapters/slack/listeners/index.ts";
import { SLACK_EVENTS_PATH } from "../../../src/adapters/slack/receiver.ts";
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

const MANIFESTS = ["slack-app.yaml", "slack-app-http.yaml"] as const;
/** Where the HTTP manifest sends Slack's requests, until the operator puts their host there. */
const PLACEHOLDER_URL = `https://portbot.example.com${SLACK_EVENTS_PATH}`;

function load(file: string) {
  const manifest = obj(
    parseYamlSubset(readFileSync(new URL(`../../../manifests/${file}`, import.meta.url), "utf8")),
  );
  const features = obj(manifest.features);
  const settings = obj(manifest.settings);
  return {
    manifest,
    features,
    settings,
    botScopes: new Set(list(obj(obj(manifest.oauth_config).scopes).bot).map(String)),
    botEvents: new Set(list(obj(settings.event_subscriptions).bot_events).map(String)),
  };
}
const socketManifest = load("slack-app.yaml");
const httpManifest = load("slack-app-http.yaml");

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

for (const file of MANIFESTS) {
  const { features, botEvents } = load(file);

  test(`${file}: the slash command is the one the code registers`, () => {
    const declared = list(features.slash_commands).map((c) => String(obj(c).command));
    assert.deepEqual(declared, registered().commands);
  });

  test(`${file}: the shortcut's callback id and type match`, () => {
    const declared = list(features.shortcuts).map((s) => ({
      type: obj(s).type === "message" ? "message_action" : String(obj(s).type),
      callback_id: String(obj(s).callback_id),
    }));
    assert.deepEqual(declared, registered().shortcuts);
  });

  test(`${file}: bot events are exactly the events the code listens to`, () => {
    assert.deepEqual([...botEvents].sort(), [...new Set(registered().events)].sort());
  });
}

test("Socket Mode manifest: Socket Mode, interactivity and the Home tab on; no request URL", () => {
  const { features, settings } = socketManifest;
  assert.equal(settings.socket_mode_enabled, true);
  assert.equal(obj(settings.interactivity).is_enabled, true);
  assert.equal(obj(features.app_home).home_tab_enabled, true);
  assert.deepEqual(requestUrls(socketManifest.manifest), []);
});

test("HTTP manifest: Socket Mode off; commands, events and interactivity go to /slack/events", () => {
  const { features, settings } = httpManifest;
  assert.equal(settings.socket_mode_enabled, false);
  assert.equal(obj(settings.interactivity).is_enabled, true);
  assert.equal(obj(features.app_home).home_tab_enabled, true);
  assert.deepEqual(requestUrls(httpManifest.manifest), [
    "features.slash_commands.0.url",
    "settings.event_subscriptions.request_url",
    "settings.interactivity.request_url",
  ]);
  for (const url of [
    obj(list(features.slash_commands)[0]).url,
    obj(settings.event_subscriptions).request_url,
    obj(settings.interactivity).request_url,
  ]) {
    assert.equal(url, PLACEHOLDER_URL);
  }
});

test("the two manifests are one app: the same apart from Socket Mode and the request URLs", () => {
  const strip = (v: Yaml): Yaml => {
    if (Array.isArray(v)) return v.map(strip);
    if (typeof v !== "object" || v === null) return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== "url" && k !== "request_url" && k !== "socket_mode_enabled")
        .map(([k, x]) => [k, strip(x)]),
    );
  };
  assert.deepEqual(strip(httpManifest.manifest), strip(socketManifest.manifest));
});

/** Paths of every `url` / `request_url` in a manifest. */
function requestUrls(v: Yaml, path = ""): string[] {
  if (typeof v !== "object" || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) =>
    k === "url" || k === "request_url" ? [`${path}${k}`] : requestUrls(x as Yaml, `${path}${k}.`),
  );
}

// Scopes: what each Web API method and event the adapter uses needs (null: no scope).
const METHOD_SCOPE: Record<string, string | null> = {
  "auth.test": null,
  "apps.connections.open": null, // app-level token (connections:write), not a bot scope
  "chat.postMessage": "chat:write",
  "chat.postEphemeral": "chat:write",
  "reactions.add": "reactions:write",
  "views.publish": null,
  "users.info": "users:read", // is a voter a bot? (reaction events carry only the user id)
  "usergroups.users.list": "usergroups:read", // NOTES_EDITORS names a user group
};
const EVENT_SCOPE: Record<string, string | null> = {
  app_mention: "app_mentions:read",
  reaction_added: "reactions:read",
  reaction_removed: "reactions:read",
  app_home_opened: null,
};

let h: Harness;
before(async () => {
  h = await startHarness({ mode: "http", notesEditors: ["S0EDITORS1"] });
  h.fake.userGroups.set("S0EDITORS1", []);
});
after(async () => {
  await h.close();
});

test("the bot scopes are exactly those the methods and events in use need", async () => {
  // Exercise every path that calls the Web API.
  const url = h.fake.responseUrl();
  await sendSlashCommand(h.url, SIGNING_SECRET, { text: "5432", response_url: url });
  await sendSlashCommand(h.url, SIGNING_SECRET, {
    text: "note 9700 who may edit?",
    response_url: h.fake.responseUrl(),
  });
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
    "usergroups.users.list",
  ]) {
    assert.ok(methods.has(m), `scenario exercised ${m}`);
  }
  const needed = new Set<string>(["commands"]); // the slash command and the shortcut
  for (const m of methods) {
    assert.ok(m in METHOD_SCOPE, `scope for ${m} is known`);
    const scope = METHOD_SCOPE[m];
    if (scope) needed.add(scope);
  }
  for (const e of socketManifest.botEvents) {
    assert.ok(e in EVENT_SCOPE, `scope for event ${e} is known`);
    const scope = EVENT_SCOPE[e];
    if (scope) needed.add(scope);
  }
  for (const { botScopes } of [socketManifest, httpManifest]) {
    assert.deepEqual([...botScopes].sort(), [...needed].sort());
  }
});
