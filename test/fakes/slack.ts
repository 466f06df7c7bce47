// A fake Slack for adapter tests, on 127.0.0.1 only: the Web API (`POST /api/<method>`, recording
// every call, with programmable failures and holds), a `response_url` sink, and Socket Mode
// (`apps.connections.open` + a WebSocket that sends envelopes, collects acks and can send
// `disconnect`). Plus helpers that send signed requests the way Slack does (v0 signatures).
//
// Shapes follow what real Bolt 5.1 / web-api 7 / socket-mode 2 send and expect (docs/platforms.md).
import { createHmac, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface ApiCall {
  method: string;
  /** Form fields, with JSON-looking values (blocks, view) parsed. */
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | null;
  /** What the fake answered (when it answered ok). */
  result?: Record<string, unknown>;
  /** Arrival order among every call and response_url post. */
  order: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  /** Arrival order among every call and response_url post. */
  order: number;
}

export type ApiFailure =
  /** `{ok:false, error}` with HTTP 200, as Slack answers platform errors. */
  | { error: string }
  /** HTTP 429 with a Retry-After header (seconds). */
  | { status: 429; retryAfter: number };

export interface Envelope {
  envelope_id: string;
  type: "slash_commands" | "events_api" | "interactive";
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export const FAKE_TEAM_ID = "T0FAKE";
export const FAKE_BOT_USER_ID = "U0BOT00001";
export const FAKE_BOT_ID = "B0BOT00001";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) {
    return raw === "" ? {} : (JSON.parse(raw) as Record<string, unknown>);
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // web-api form-encodes nested values (blocks, view) as JSON strings.
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    args[key] = value;
  }
  return args;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Every envelope acked over Socket Mode, by envelope id. */
  readonly acks = new Map<string, unknown>();
  /** WebSocket connections opened so far (reconnects add one). */
  socketConnections = 0;
  /** Bot user id that auth.test reports. */
  botUserId = FAKE_BOT_USER_ID;
  /** Users that users.info reports as bots (other apps in the workspace). */
  readonly bots = new Set<string>();
  /** Display names users.info reports (profile.display_name), by user id. */
  readonly displayNames = new Map<string, string>();
  /** User groups (S…) and their members, for usergroups.users.list. */
  readonly userGroups = new Map<string, string[]>();

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, ApiFailure[]>();
  private readonly holds = new Map<string, Promise<void>[]>();
  private readonly sockets = new Set<WebSocket>();
  private current: WebSocket | null = null;
  private tsCounter = 0;
  private arrivals = 0;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        sendJson(res, 500, { ok: false, error: String(error) });
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: "/link/" });
    this.wss.on("connection", (ws) => this.onSocket(ws));
  }

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What to give SLACK_API_URL / clientOptions.slackApiUrl. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url whose posts land in `responses` under `id`. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  /** The next `times` calls to `method` fail as given. */
  fail(method: string, failure: ApiFailure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** The next call to `method` waits until the returned function is called. */
  hold(method: string): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const list = this.holds.get(method) ?? [];
    list.push(gate);
    this.holds.set(method, list);
    return release;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `check` holds after some call, response or ack (rejects after `timeoutMs`). */
  waitUntil<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const probe = () => {
        const value = check();
        if (value !== undefined && value !== false) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("change", probe);
      };
      this.events.on("change", probe);
      probe();
    });
  }

  waitForCalls(method: string, count = 1): Promise<ApiCall[]> {
    return this.waitUntil(
      () => (this.callsTo(method).length >= count ? this.callsTo(method) : undefined),
      `${count} call(s) to ${method}`,
    );
  }

  waitForResponses(count = 1): Promise<ResponseUrlPost[]> {
    return this.waitUntil(
      () => (this.responses.length >= count ? this.responses : undefined),
      `${count} response_url post(s)`,
    );
  }

  // ---- Socket Mode ----

  /** Resolves when at least `count` WebSocket connections have been opened and greeted. */
  waitForSocket(count = 1): Promise<void> {
    return this.waitUntil(
      () => (this.socketConnections >= count && this.current !== null ? true : undefined),
      `${count} Socket Mode connection(s)`,
    ).then(() => {});
  }

  /** Sends an envelope on the current connection without waiting for its ack; returns its id. */
  sendEnvelopeOnly(type: Envelope["type"], payload: unknown): string {
    const ws = this.current;
    if (ws === null) throw new Error("fake Slack: no Socket Mode connection");
    const id = randomUUID();
    const envelope: Envelope = {
      envelope_id: id,
      type,
      payload,
      accepts_response_payload: type !== "events_api",
    };
    ws.send(JSON.stringify(envelope));
    return id;
  }

  /** Sends an envelope on the current connection; resolves with the ack's payload. */
  async sendEnvelope(
    type: Envelope["type"],
    payload: unknown,
    options: { envelopeId?: string; retryAttempt?: number; retryReason?: string } = {},
  ): Promise<unknown> {
    const ws = this.current;
    if (ws === null) throw new Error("fake Slack: no Socket Mode connection");
    const envelope: Envelope = {
      envelope_id: options.envelopeId ?? randomUUID(),
      type,
      payload,
      accepts_response_payload: type !== "events_api",
      ...(options.retryAttempt === undefined ? {} : { retry_attempt: options.retryAttempt }),
      ...(options.retryReason === undefined ? {} : { retry_reason: options.retryReason }),
    };
    const id = envelope.envelope_id;
    this.acks.delete(id);
    ws.send(JSON.stringify(envelope));
    return this.waitUntil(
      () => (this.acks.has(id) ? { ack: this.acks.get(id) } : undefined),
      `ack of ${id}`,
    ).then((r) => r.ack);
  }

  /** Asks the client to reconnect, as Slack does when it recycles a connection. */
  disconnectSocket(reason = "refresh_requested"): void {
    const ws = this.current;
    if (ws === null) throw new Error("fake Slack: no Socket Mode connection");
    this.current = null;
    ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "fake" } }));
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.events.removeAllListeners();
  }

  // ---- internals ----

  private changed(): void {
    this.events.emit("change");
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    this.socketConnections += 1;
    this.current = ws;
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
      if (typeof message.envelope_id === "string") {
        this.acks.set(message.envelope_id, message.payload ?? null);
        this.changed();
      }
    });
    ws.on("close", () => {
      this.sockets.delete(ws);
      if (this.current === ws) this.current = null;
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" } }));
    this.changed();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const raw = await readBody(req);
    const contentType = req.headers["content-type"] ?? "";
    if (url.pathname.startsWith("/respond/")) {
      this.responses.push({
        id: url.pathname.slice("/respond/".length),
        body: JSON.parse(raw) as Record<string, unknown>,
        order: ++this.arrivals,
      });
      this.changed();
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    if (!url.pathname.startsWith("/api/") || req.method !== "POST") {
      sendJson(res, 404, { ok: false, error: "unknown_method" });
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const auth = req.headers.authorization;
    const call: ApiCall = {
      method,
      args: parseArgs(raw, contentType),
      token: auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : null,
      order: ++this.arrivals,
    };
    this.calls.push(call);
    this.changed();
    const gate = this.holds.get(method)?.shift();
    if (gate !== undefined) await gate;
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      if ("status" in failure) {
        sendJson(
          res,
          429,
          { ok: false, error: "ratelimited" },
          { "retry-after": String(failure.retryAfter) },
        );
      } else {
        sendJson(res, 200, { ok: false, error: failure.error });
      }
      this.changed();
      return;
    }
    call.result = this.answer(call);
    sendJson(res, 200, call.result);
    this.changed();
  }

  private answer(call: ApiCall): Record<string, unknown> {
    switch (call.method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.com/",
          team: "Fake",
          user: "portbot",
          team_id: FAKE_TEAM_ID,
          user_id: this.botUserId,
          bot_id: FAKE_BOT_ID,
        };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${randomUUID()}` };
      case "chat.postMessage": {
        this.tsCounter += 1;
        const ts = `1700000000.${String(this.tsCounter).padStart(6, "0")}`;
        return {
          ok: true,
          channel: call.args.channel,
          ts,
          message: { type: "message", ts, text: call.args.text, bot_id: FAKE_BOT_ID },
        };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: `1700000000.${String(++this.tsCounter).padStart(6, "0")}` };
      case "users.info": {
        const id = String(call.args.user ?? "");
        const profile = { display_name: this.displayNames.get(id) ?? "", real_name: "" };
        return { ok: true, user: { id, name: "", is_bot: this.bots.has(id), profile } };
      }
      case "usergroups.users.list": {
        const members = this.userGroups.get(String(call.args.usergroup ?? ""));
        return members === undefined
          ? { ok: false, error: "no_such_subteam" }
          : { ok: true, users: members };
      }
      case "views.publish":
        return { ok: true, view: { id: "V0FAKE", ...(call.args.view as object) } };
      default:
        return { ok: true };
    }
  }
}

// ---- signed HTTP requests, as Slack sends them ----

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the computed signature (to test rejection). */
  signature?: string;
  headers?: Record<string, string>;
}

export async function sendSigned(
  url: string,
  secret: string,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  options: SignedOptions = {},
): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

export interface SlashCommand {
  command?: string;
  text: string;
  user_id?: string;
  channel_id?: string;
  team_id?: string;
  response_url: string;
  trigger_id?: string;
}

export function slashCommandFields(c: SlashCommand): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: c.team_id ?? FAKE_TEAM_ID,
    team_domain: "fake",
    channel_id: c.channel_id ?? "C0CHANNEL1",
    channel_name: "general",
    user_id: c.user_id ?? "U0ASKER001",
    user_name: "asker",
    command: c.command ?? "/port",
    text: c.text,
    api_app_id: "A0FAKE0001",
    is_enterprise_install: "false",
    response_url: c.response_url,
    trigger_id: c.trigger_id ?? "1.2.3",
  };
}

/** A slash command as Slack POSTs it (exactly application/x-www-form-urlencoded). */
export function sendSlashCommand(
  url: string,
  secret: string,
  command: SlashCommand,
  options: SignedOptions = {},
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(slashCommandFields(command)).toString();
  return sendSigned(url, secret, body, "application/x-www-form-urlencoded", options);
}

/** An interactivity payload (shortcut, action) as Slack POSTs it: form field `payload` = JSON. */
export function sendInteraction(
  url: string,
  secret: string,
  payload: unknown,
  options: SignedOptions = {},
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendSigned(url, secret, body, "application/x-www-form-urlencoded", options);
}

/** An Events API callback as Slack POSTs it (JSON). */
export function sendEvent(
  url: string,
  secret: string,
  envelope: unknown,
  options: SignedOptions = {},
): Promise<{ status: number; body: string }> {
  return sendSigned(url, secret, JSON.stringify(envelope), "application/json", options);
}

// ---- payload builders ----

let eventCounter = 0;

/** An Events API envelope (`event_callback`) around `event`. */
export function eventCallback(
  event: Record<string, unknown>,
  options: { eventId?: string; teamId?: string } = {},
): Record<string, unknown> {
  eventCounter += 1;
  return {
    token: "legacy-verification-token",
    team_id: options.teamId ?? FAKE_TEAM_ID,
    api_app_id: "A0FAKE0001",
    event: { event_ts: "1700000100.000100", ...event },
    type: "event_callback",
    event_id: options.eventId ?? `Ev0FAKE${String(eventCounter).padStart(6, "0")}`,
    event_time: 1700000100,
    authorizations: [
      {
        enterprise_id: null,
        team_id: options.teamId ?? FAKE_TEAM_ID,
        user_id: FAKE_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function appMentionEvent(
  text: string,
  options: { ts?: string; threadTs?: string; channel?: string; user?: string } = {},
): Record<string, unknown> {
  return {
    type: "app_mention",
    user: options.user ?? "U0ASKER001",
    text,
    ts: options.ts ?? "1700000050.000200",
    ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
    channel: options.channel ?? "C0CHANNEL1",
    team: FAKE_TEAM_ID,
  };
}

/**
 * A `message.im` event: a message in a DM with the bot. `subtype` for edits, joins and the like;
 * `botId` for a bot's message (this bot's own answers arrive as these too).
 */
export function imMessageEvent(
  text: string,
  options: {
    channel?: string;
    user?: string;
    ts?: string;
    threadTs?: string;
    subtype?: string;
    botId?: string;
  } = {},
): Record<string, unknown> {
  return {
    type: "message",
    channel: options.channel ?? "D0ASKER0001",
    channel_type: "im",
    user: options.user ?? "U0ASKER001",
    text,
    ts: options.ts ?? "1700000060.000400",
    team: FAKE_TEAM_ID,
    ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
    ...(options.subtype === undefined ? {} : { subtype: options.subtype }),
    ...(options.botId === undefined ? {} : { bot_id: options.botId }),
  };
}

export function reactionEvent(
  action: "added" | "removed",
  reaction: string,
  item: { channel: string; ts: string },
  user = "U0VOTER001",
): Record<string, unknown> {
  return {
    type: action === "added" ? "reaction_added" : "reaction_removed",
    user,
    reaction,
    item_user: FAKE_BOT_USER_ID,
    item: { type: "message", channel: item.channel, ts: item.ts },
  };
}

export function messageShortcut(
  text: string,
  responseUrl: string,
  options: { ts?: string; threadTs?: string; channel?: string; user?: string } = {},
): Record<string, unknown> {
  const ts = options.ts ?? "1700000040.000300";
  return {
    type: "message_action",
    token: "legacy-verification-token",
    action_ts: "1700000101.000000",
    team: { id: FAKE_TEAM_ID, domain: "fake" },
    user: {
      id: options.user ?? "U0ASKER001",
      username: "asker",
      name: "asker",
      team_id: FAKE_TEAM_ID,
    },
    channel: { id: options.channel ?? "C0CHANNEL1", name: "general" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: "explain_ports",
    trigger_id: "1.2.3",
    response_url: responseUrl,
    message_ts: ts,
    message: {
      type: "message",
      user: "U0OTHER001",
      ts,
      text,
      ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
    },
  };
}

/** A button as the bot drew it in Block Kit (what a person can click). */
export interface SlackButton {
  action_id: string;
  value?: string;
  text: { type: "plain_text"; text: string; emoji?: boolean };
}

/** Every button in a message's blocks, in order. */
export function buttonsIn(blocks: unknown): SlackButton[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b: { type?: string; elements?: { type?: string }[] }) =>
    b.type === "actions"
      ? ((b.elements ?? []).filter((e) => e.type === "button") as SlackButton[])
      : [],
  );
}

/**
 * A `block_actions` payload for a click on `button`, as Slack sends it: for a message in a
 * channel, or for an ephemeral one (then without `message`, and `container.is_ephemeral`).
 */
export function blockActionsPayload(
  button: Pick<SlackButton, "action_id" | "value"> & { text?: SlackButton["text"] },
  responseUrl: string,
  options: {
    messageTs?: string;
    ephemeral?: boolean;
    threadTs?: string;
    channel?: string;
    user?: string;
  } = {},
): Record<string, unknown> {
  const channel = options.channel ?? "C0CHANNEL1";
  const ts = options.messageTs ?? "1700000000.000001";
  return {
    type: "block_actions",
    user: {
      id: options.user ?? "U0CLICK001",
      username: "clicker",
      name: "clicker",
      team_id: FAKE_TEAM_ID,
    },
    api_app_id: "A0FAKE0001",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: ts,
      channel_id: channel,
      is_ephemeral: options.ephemeral === true,
      ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
    },
    trigger_id: "1.2.4",
    team: { id: FAKE_TEAM_ID, domain: "fake" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "general" },
    ...(options.ephemeral === true
      ? {}
      : {
          message: {
            type: "message",
            user: FAKE_BOT_USER_ID,
            bot_id: FAKE_BOT_ID,
            ts,
            text: "an answer",
            ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
          },
        }),
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: "b0",
        text: button.text ?? { type: "plain_text", text: "button", emoji: true },
        ...(button.value === undefined ? {} : { value: button.value }),
        action_ts: "1700000102.000000",
      },
    ],
  };
}
