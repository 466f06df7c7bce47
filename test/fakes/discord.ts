// A fake Discord for tests and benches: REST under /api/v10 and a gateway WebSocket, both on
// 127.0.0.1 with an OS-chosen port. Real discord.js 14.28 talks to it through
// `new Client({ rest: { api: fake.apiUrl } })`; see docs/platforms.md for what it must answer.
//
// It records every REST call, can fail chosen calls (a 429 with retry_after, a 50013, …), and drives
// the gateway: HELLO → IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, RESUME with replay of what
// the client missed, dispatches, and dropping the connection.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import {
  type FakeChannel,
  type FakeUser,
  guildPayload,
  type InteractionInit,
  interactionPayload,
  messagePayload,
  snowflake,
  userPayload,
} from "./discord/payloads.ts";

export * from "./discord/payloads.ts";

export interface RecordedRequest {
  method: string;
  /** Path as received, percent-encoding kept (`/api/v10/webhooks/1/t/messages/%40original`). */
  path: string;
  /** Path with percent-encoding decoded. */
  decodedPath: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
  at: number;
}

export interface FailureRule {
  method: string;
  /** Matched against decodedPath. */
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export interface FakeDiscordOptions {
  applicationId?: string;
  guildId?: string;
  bot?: FakeUser;
  channels?: FakeChannel[];
  /** Milliseconds in HELLO; large by default so no heartbeat happens during a test. */
  heartbeatInterval?: number;
  /** Role ids the guild has, besides @everyone (members may carry them). */
  roles?: string[];
}

interface GatewaySession {
  id: string;
  seq: number;
  /** Dispatches sent in this session, for RESUME replay. */
  sent: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
}

type Waiter = {
  match: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
  timer?: NodeJS.Timeout;
};

export class FakeDiscord {
  readonly applicationId: string;
  readonly guildId: string;
  readonly #roles: readonly string[];
  readonly bot: FakeUser;
  readonly channels: FakeChannel[];
  readonly requests: RecordedRequest[] = [];
  /** Messages the fake knows (posted by the bot, or added by tests), by id. */
  readonly messages = new Map<string, Record<string, unknown>>();
  identifies = 0;
  /** While true the gateway accepts connections but never greets them (a stalled gateway). */
  gatewayDown = false;
  /** The `d` of every IDENTIFY received (token, intents, shard, …). */
  readonly identifyPayloads: Record<string, unknown>[] = [];
  resumes = 0;
  heartbeats = 0;
  /** Listeners called with every gateway payload the client sends. */
  readonly gatewayListeners: ((payload: { op: number; d: unknown }) => void)[] = [];

  #server: Server;
  #wss: WebSocketServer;
  #port = 0;
  #failures: FailureRule[] = [];
  #holds: { method: string; path: RegExp; gate: Promise<void> }[] = [];
  /** Interaction tokens whose deferral or first response was ephemeral. */
  #ephemeralTokens = new Set<string>();
  /** Attachment bodies by path (attachment()). */
  #files = new Map<string, string>();
  #waiters: Waiter[] = [];
  #sessions = new Map<string, GatewaySession>();
  #current: GatewaySession | null = null;
  #heartbeatInterval: number;
  #sockets = new Set<WebSocket>();

  private constructor(options: FakeDiscordOptions) {
    this.applicationId = options.applicationId ?? "900000000000000001";
    this.guildId = options.guildId ?? "900000000000000002";
    this.#roles = options.roles ?? [];
    this.bot = options.bot ?? { id: this.applicationId, username: "portbot", bot: true };
    this.channels = options.channels ?? [
      { id: "900000000000000010", type: 0, name: "general" },
      { id: "900000000000000011", type: 11, name: "a-thread", parentId: "900000000000000010" },
    ];
    this.#heartbeatInterval = options.heartbeatInterval ?? 45_000;
    this.#server = createServer((req, res) => void this.#onRequest(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on("upgrade", (req, socket, head) => {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.#server.listen(0, "127.0.0.1");
    await once(fake.#server, "listening");
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** REST base for discord.js (`rest.api`) and DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  channel(type: number): FakeChannel {
    const found = this.channels.find((c) => c.type === type);
    if (!found) throw new Error(`no fake channel of type ${type}`);
    return found;
  }

  /** Make matching requests fail (first match wins, in order of registration). */
  fail(rule: FailureRule): void {
    this.#failures.push({ times: 1, ...rule });
  }

  /** The next matching request waits until the returned function is called. */
  hold(method: string, path: RegExp): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#holds.push({ method, path, gate });
    return release;
  }

  /** Resolves with the first recorded request (already seen or future) that matches. */
  waitForRequest(
    match: (r: RecordedRequest) => boolean,
    timeoutMs = 5_000,
  ): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error("FakeDiscord: no matching request arrived in time"));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      waiter.timer = timer;
      this.#waiters.push(waiter);
    });
  }

  /** Waits until `count` requests match. */
  async waitForRequests(
    match: (r: RecordedRequest) => boolean,
    count: number,
    timeoutMs = 5_000,
  ): Promise<RecordedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`FakeDiscord: ${found.length} of ${count} matching requests arrived`);
      }
      await this.waitForRequest((r) => match(r) && !found.includes(r), deadline - Date.now());
    }
  }

  /** Requests whose decoded path matches, optionally by method. */
  calls(path: RegExp, method?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => path.test(r.decodedPath) && (method === undefined || r.method === method),
    );
  }

  // ---------------------------------------------------------------- gateway

  /** Sends a dispatch (op 0) on the current session; returns its sequence number. */
  dispatch(t: string, d: unknown, options: { seq?: number } = {}): number {
    const session = this.#current;
    if (!session?.socket) throw new Error("FakeDiscord: no gateway session to dispatch on");
    let s: number;
    if (options.seq === undefined) {
      session.seq += 1;
      s = session.seq;
      session.sent.push({ s, t, d });
    } else {
      s = options.seq;
    }
    session.socket.send(JSON.stringify({ op: 0, t, s, d }));
    return s;
  }

  /** Current gateway session id (set by IDENTIFY). */
  get sessionId(): string | null {
    return this.#current?.id ?? null;
  }

  /**
   * Records a dispatch as sent without delivering it, as if the connection had died in flight;
   * RESUME replays it.
   */
  queueWhileDisconnected(t: string, d: unknown): number {
    const session = this.#current;
    if (!session) throw new Error("FakeDiscord: no gateway session");
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    return session.seq;
  }

  /** Drops the gateway connection (close code 4000 by default: resumable; or terminate). */
  dropConnection(code: number | "terminate" = 4000): void {
    const socket = this.#current?.socket;
    if (!socket) return;
    if (this.#current) this.#current.socket = null;
    if (code === "terminate") socket.terminate();
    else socket.close(code, "fake drop");
  }

  /** Sends an interaction and returns its payload (id and token identify its callbacks). */
  sendInteraction(
    type: 2 | 3 | 4,
    data: Record<string, unknown>,
    options: {
      user?: FakeUser;
      channel?: FakeChannel;
      where?: InteractionPlace;
      message?: Record<string, unknown>;
    } = {},
  ): Record<string, unknown> {
    const user = options.user ?? { id: "800000000000000001", username: "asker" };
    const place = this.#placeOf(options.where ?? "guild", user);
    const payload = interactionPayload({
      applicationId: this.applicationId,
      channel: options.channel ?? this.channel(0),
      ...place,
      user,
      type,
      data,
      ...(options.message === undefined ? {} : { message: options.message }),
    });
    this.dispatch("INTERACTION_CREATE", payload);
    return payload;
  }

  /** Where an interaction comes from, as Discord describes it (context, guild, installation). */
  #placeOf(
    where: InteractionPlace,
    user: FakeUser,
  ): Pick<InteractionInit, "guildId" | "context" | "userInstall"> & { channel?: FakeChannel } {
    switch (where) {
      case "guild":
        return { guildId: this.guildId, context: 0 };
      case "bot-dm":
        return {
          guildId: null,
          context: 1,
          channel: { id: dmChannelId(user.id), type: 1, name: "" },
        };
      case "other-guild":
        return {
          guildId: OTHER_GUILD_ID,
          context: 0,
          userInstall: true,
          channel: { id: "900000000000000098", type: 0, name: "elsewhere" },
        };
      case "private-channel":
        return {
          guildId: null,
          context: 2,
          userInstall: true,
          channel: { id: "900000000000000097", type: 3, name: "friends" },
        };
    }
  }

  // ---------------------------------------------------------------- plumbing

  #onSocket(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on("close", () => {
      this.#sockets.delete(ws);
      for (const session of this.#sessions.values()) {
        if (session.socket === ws) session.socket = null;
      }
    });
    ws.on("error", () => {});
    if (this.gatewayDown) return;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#heartbeatInterval } }));
    ws.on("message", (raw) => {
      let payload: { op: number; d: Record<string, unknown> | number | null };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        ws.close(4002, "decode error");
        return;
      }
      for (const listener of this.gatewayListeners) listener(payload);
      switch (payload.op) {
        case 1:
          this.heartbeats += 1;
          ws.send(JSON.stringify({ op: 11 }));
          break;
        case 2:
          if (typeof payload.d === "object" && payload.d !== null)
            this.identifyPayloads.push(payload.d);
          this.#identify(ws);
          break;
        case 6:
          this.#resume(ws, payload.d as { session_id: string; seq: number | null });
          break;
        default:
          break;
      }
    });
  }

  #identify(ws: WebSocket): void {
    this.identifies += 1;
    const session: GatewaySession = { id: `sess-${snowflake()}`, seq: 0, sent: [], socket: ws };
    this.#sessions.set(session.id, session);
    this.#current = session;
    this.dispatch("READY", {
      v: 10,
      user: { ...userPayload(this.bot), bot: true, verified: true, flags: 0 },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    });
    this.dispatch("GUILD_CREATE", guildPayload(this.guildId, this.channels, this.bot, this.#roles));
  }

  #resume(ws: WebSocket, d: { session_id: string; seq: number | null }): void {
    const session = this.#sessions.get(d.session_id);
    if (!session) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.resumes += 1;
    session.socket = ws;
    this.#current = session;
    for (const missed of session.sent.filter((m) => m.s > (d.seq ?? 0))) {
      ws.send(JSON.stringify({ op: 0, t: missed.t, s: missed.s, d: missed.d }));
    }
    this.dispatch("RESUMED", null);
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let body: unknown = null;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      decodedPath: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body,
      at: performance.now(),
    };
    this.requests.push(recorded);
    for (const waiter of this.#waiters.filter((w) => w.match(recorded))) {
      this.#waiters = this.#waiters.filter((w) => w !== waiter);
      waiter.resolve(recorded);
    }

    const held = this.#holds.find(
      (h) => h.method === recorded.method && h.path.test(recorded.decodedPath),
    );
    if (held) {
      this.#holds = this.#holds.filter((h) => h !== held);
      await held.gate;
    }
    const failure = this.#failures.find(
      (f) => f.method === recorded.method && f.path.test(recorded.decodedPath),
    );
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.#failures = this.#failures.filter((f) => f !== failure);
      const failBody =
        failure.body ??
        (failure.status === 429
          ? { message: "You are being rate limited.", retry_after: 0.05, global: false }
          : { message: "Fake failure", code: 0 });
      const retryAfter =
        failure.status === 429 &&
        typeof failBody === "object" &&
        failBody !== null &&
        "retry_after" in failBody
          ? String(failBody.retry_after)
          : undefined;
      send(res, failure.status, failBody, {
        ...(retryAfter ? { "retry-after": retryAfter } : {}),
        ...failure.headers,
      });
      return;
    }
    this.#route(recorded, res);
  }

  /**
   * A file on a message, as the gateway describes it, served here (as Discord's CDN serves it)
   * unless `url` says where else. `size` is what the payload claims (the real size by default).
   */
  attachment(
    name: string,
    body: string,
    options: { contentType?: string; url?: string; size?: number } = {},
  ): Record<string, unknown> {
    const id = snowflake();
    const path = `/attachments/${id}/${name}`;
    this.#files.set(path, body);
    const url = options.url ?? `http://127.0.0.1:${this.#port}${path}`;
    return {
      id,
      filename: name,
      size: options.size ?? Buffer.byteLength(body),
      url,
      proxy_url: url,
      content_type: options.contentType ?? "text/plain; charset=utf-8",
    };
  }

  /** Answers one request; `true` when it sent a JSON body. */
  #route(r: RecordedRequest, res: ServerResponse): true | undefined {
    const file = r.method === "GET" ? this.#files.get(r.decodedPath) : undefined;
    if (file !== undefined) {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(file);
      return;
    }
    const p = r.decodedPath.replace(/^\/api\/v10/, "");
    const app = this.applicationId;
    let m: RegExpMatchArray | null;

    if (r.method === "GET" && p === "/gateway/bot") {
      return send(res, 200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (r.method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) {
      const data = (r.body as { data?: { flags?: number } } | null)?.data;
      if (((data?.flags ?? 0) & 64) === 64) this.#ephemeralTokens.add(p.split("/")[3] ?? "");
      if (r.query.get("with_response") === "true") {
        return send(res, 200, { interaction: { id: p.split("/")[2], type: 2 }, resource: null });
      }
      res.writeHead(204).end();
      return;
    }
    m = p.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/);
    if (m) {
      const [, , token, which] = m;
      const key = `webhook:${token}:${which}`;
      if (r.method === "DELETE") {
        const existing = this.messages.get(key);
        this.messages.delete(key);
        if (existing) this.messages.delete(String(existing.id));
        res.writeHead(204).end();
        return;
      }
      if (r.method === "PATCH") {
        const existing = this.messages.get(key);
        const patch = (r.body ?? {}) as Record<string, unknown>;
        const message =
          existing ??
          messagePayload({
            channelId: this.#interactionChannel(token ?? "") ?? this.channel(0).id,
            guildId: this.guildId,
            author: this.bot,
            webhookId: app,
            applicationId: app,
            flags: this.#ephemeralTokens.has(token ?? "") ? 64 : 0,
          });
        Object.assign(message, {
          content: patch.content ?? message.content,
          embeds: patch.embeds ?? message.embeds,
          components: patch.components ?? message.components,
        });
        this.messages.set(key, message);
        this.messages.set(String(message.id), message);
        return send(res, 200, message);
      }
    }
    m = p.match(/^\/webhooks\/(\d+)\/([^/]+)$/);
    if (m && r.method === "POST") {
      const patch = (r.body ?? {}) as Record<string, unknown>;
      const message = messagePayload({
        channelId: this.#interactionChannel(m[2] ?? "") ?? this.channel(0).id,
        guildId: this.guildId,
        author: this.bot,
        content: typeof patch.content === "string" ? patch.content : "",
        embeds: Array.isArray(patch.embeds) ? patch.embeds : [],
        components: Array.isArray(patch.components) ? patch.components : [],
        webhookId: app,
        applicationId: app,
        flags: typeof patch.flags === "number" ? patch.flags : 0,
      });
      this.messages.set(String(message.id), message);
      return send(res, 200, message);
    }
    m = p.match(/^\/channels\/(\d+)\/messages$/);
    if (m && r.method === "POST") {
      const body = (r.body ?? {}) as Record<string, unknown>;
      const ref = body.message_reference as { message_id?: string } | undefined;
      const message = messagePayload({
        channelId: m[1] ?? "",
        guildId: this.guildOf(m[1] ?? ""),
        author: this.bot,
        content: typeof body.content === "string" ? body.content : "",
        embeds: Array.isArray(body.embeds) ? body.embeds : [],
        components: Array.isArray(body.components) ? body.components : [],
        reference: ref?.message_id ? { messageId: ref.message_id, channelId: m[1] ?? "" } : null,
      });
      this.messages.set(String(message.id), message);
      return send(res, 200, message);
    }
    m = p.match(/^\/channels\/(\d+)\/messages\/(\d+)$/);
    if (m && r.method === "GET") {
      const message = this.messages.get(m[2] ?? "");
      if (message) return send(res, 200, message);
      return send(res, 404, { message: "Unknown Message", code: 10008 });
    }
    if (/^\/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(p)) {
      if (r.method === "PUT" || r.method === "DELETE") {
        res.writeHead(204).end();
        return;
      }
    }
    m = p.match(/^\/channels\/(\d+)$/);
    if (m && r.method === "GET") {
      const channel = this.channels.find((c) => c.id === m?.[1]);
      if (channel) return send(res, 200, { ...channel, guild_id: this.guildId });
      return send(res, 404, { message: "Unknown Channel", code: 10003 });
    }
    m = p.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (m && r.method === "PUT") {
      const commands = Array.isArray(r.body) ? (r.body as Record<string, unknown>[]) : [];
      return send(
        res,
        200,
        commands.map((c) => ({
          id: snowflake(),
          application_id: m?.[1],
          ...(m?.[2] ? { guild_id: m[2] } : {}),
          version: snowflake(),
          default_member_permissions: null,
          ...c,
        })),
      );
    }
    if (r.method === "GET" && p === "/applications/@me") {
      return send(res, 200, { id: app, name: "portbot", bot_public: false, flags: 0 });
    }
    if (r.method === "POST" && p === "/users/@me/channels") {
      // A DM channel with the recipient; the same id for the same person, as Discord answers.
      const recipient = String((r.body as { recipient_id?: unknown } | null)?.recipient_id ?? "");
      return send(res, 200, {
        id: dmChannelId(recipient),
        type: 1,
        recipients: [{ id: recipient }],
      });
    }
    if (r.method === "GET" && p === "/users/@me") {
      return send(res, 200, userPayload(this.bot));
    }
    return send(res, 404, { message: "404: Not Found (fake)", code: 0 });
  }

  /** Channel of the interaction with this token, from the INTERACTION_CREATE sent. */
  #interactionChannel(token: string): string | null {
    for (const session of this.#sessions.values()) {
      for (const sent of session.sent) {
        if (sent.t !== "INTERACTION_CREATE") continue;
        const d = sent.d as { token?: string; channel_id?: string };
        if (d.token === token) return d.channel_id ?? null;
      }
    }
    return null;
  }

  /** The guild of a channel: this fake's guild, or null for a DM channel (dmChannelId). */
  guildOf(channelId: string): string | null {
    return this.channels.some((c) => c.id === channelId) ? this.guildId : null;
  }

  /**
   * A message from a user, known to the fake (for GET) and returned as a payload. `dm`: in the
   * author's DM with the bot (no guild), as a direct message arrives.
   */
  userMessage(init: {
    author: FakeUser;
    content: string;
    channel?: FakeChannel;
    mentions?: FakeUser[];
    dm?: boolean;
    attachments?: unknown[];
  }): Record<string, unknown> {
    const channelId = init.dm ? dmChannelId(init.author.id) : (init.channel ?? this.channel(0)).id;
    const message = messagePayload({
      channelId,
      guildId: this.guildOf(channelId),
      author: init.author,
      content: init.content,
      mentions: init.mentions ?? [],
      attachments: init.attachments ?? [],
    });
    // The gateway says what kind of channel a message is in; discord.js builds the (uncached,
    // partial) DM channel from `channel_type` 1, or drops the message.
    if (init.dm) message.channel_type = 1;
    this.messages.set(String(message.id), message);
    return message;
  }

  async close(): Promise<void> {
    for (const waiter of this.#waiters) clearTimeout(waiter.timer);
    this.#waiters = [];
    for (const ws of this.#sockets) ws.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * Where an interaction is used: the fake's guild (the bot is in it), the bot's DM with the asker,
 * a guild the bot is not in (the app installed by the user), a group DM (user-installed).
 */
export type InteractionPlace = "guild" | "bot-dm" | "other-guild" | "private-channel";

/** A guild the bot is not a member of. */
export const OTHER_GUILD_ID = "900000000000000099";

/** The fake's DM channel id with a user: deterministic, so tests can find what was sent there. */
export function dmChannelId(userId: string): string {
  return `7${userId.slice(1)}`;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): true {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
  return true;
}
