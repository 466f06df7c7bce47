// The Slack adapter: a Bolt app in Socket Mode (SLACK_APP_TOKEN set) or HTTP mode (signing secret,
// Bolt's HTTP receiver on PORT at /slack/events).
import { App, type Logger as BoltLogger, webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { RuntimeConfig } from "../../runtime.ts";
import { CredentialCheckError } from "../../startup.ts";
import { InFlight } from "../kit/in-flight.ts";
import { type AdapterContext, createKit, type RunningAdapter } from "../kit/index.ts";
import { inlineAnswerer, workerAnswerer } from "./answerer.ts";
import { boltLogger } from "./bolt-logger.ts";
import { botCheck } from "./bots.ts";
import type { SlackDeps } from "./deps.ts";
import { deferAck, isVoteEvent } from "./durable-ack.ts";
import { registerListeners } from "./listeners/index.ts";
import { type BotIdentity, errorSummary } from "./port.ts";
import { createReceiver, SLACK_EVENTS_PATH } from "./receiver.ts";
import {
  INTERACTIVE_RETRY,
  type RateLimitPolicy,
  webClientOptions,
  withRateLimitRetry,
} from "./retry.ts";

export { SLACK_EVENTS_PATH };

export interface SlackAppOptions {
  /** The bot's ids; when absent they come from `auth.test` (one call at start). */
  identity?: BotIdentity;
  /** HTTP mode: where to listen (default: all interfaces on config.slack.port). */
  listen?: { port: number; host?: string };
  /** Rate-limit retries on interactive paths (default INTERACTIVE_RETRY). */
  retry?: RateLimitPolicy;
  /**
   * Socket Mode: how long to wait for a pong, which is also the pause before reconnecting after
   * a disconnect (Bolt's default 5000 ms).
   */
  socketPingTimeoutMs?: number;
  /**
   * Where the work after an ack runs: "worker" (a worker thread, so acks stay fast under load;
   * what startSlack uses) or "inline" (the listener's thread; the default here, for tests).
   */
  answers?: "inline" | "worker";
  /** For answers in a worker thread: the runtime configuration the worker opens its own from. */
  runtime?: RuntimeConfig;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: "socket" | "http";
  readonly identity: BotIdentity;
  /** Connects (Socket Mode) or listens (HTTP; returns the port it listens on). */
  start(): Promise<{ port: number | null }>;
  /** Resolves when no event is being processed (every listener has finished its work). */
  idle(): Promise<void>;
  /** Listening (HTTP) or connected (Socket Mode), and taking requests. */
  ready(): boolean;
  /** Stops receiving, then waits for work in progress. */
  stop(): Promise<void>;
}

/**
 * The bot's ids from `auth.test`, the first call made with SLACK_BOT_TOKEN. A failure is tagged
 * with that variable (main reports it in one line), and the client's own retry warnings go to
 * debug so they do not crowd that line.
 */
async function lookUpIdentity(
  token: string,
  apiUrl: string | null,
  logger: BoltLogger,
): Promise<BotIdentity> {
  const quiet = { ...logger, info: logger.debug, warn: logger.debug, error: logger.debug };
  const client = new webApi.WebClient(token, webClientOptions(apiUrl, quiet));
  let auth: webApi.AuthTestResponse;
  try {
    auth = await withRateLimitRetry(() => client.auth.test(), INTERACTIVE_RETRY);
  } catch (error) {
    throw new CredentialCheckError("SLACK_BOT_TOKEN", error);
  }
  if (auth.user_id === undefined || auth.bot_id === undefined) {
    throw new Error("auth.test did not return the bot's ids: is SLACK_BOT_TOKEN a bot token?");
  }
  return { botUserId: auth.user_id, botId: auth.bot_id };
}

/**
 * Tracks event processing from the moment a receiver hands it over (before the ack), so idle()
 * and stop() cannot miss work that has been acked but not yet started; and holds back the ack of
 * a vote until it is stored (durable-ack.ts).
 */
function trackEvents(app: App): InFlight {
  const events = new InFlight();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const vote = isVoteEvent(event.body) ? deferAck(event) : null;
    const work =
      vote === null ? processEvent(event) : processEvent(vote.event).finally(vote.settle);
    events.run(
      () => work,
      () => {},
    );
    return work;
  };
  return events;
}

/** Builds the Bolt app with every listener registered; call start() to connect or listen. */
export async function createSlackApp(
  ctx: AdapterContext,
  slack: SlackConfig,
  options: SlackAppOptions = {},
): Promise<SlackApp> {
  const logger = ctx.logger.child({ adapter: "slack" });
  const blog = boltLogger(logger);
  const identity = options.identity ?? (await lookUpIdentity(slack.botToken, slack.apiUrl, blog));

  const { receiver, mode, socket } = createReceiver(
    slack,
    blog,
    logger,
    options.socketPingTimeoutMs,
  );
  const app = new App({
    token: slack.botToken,
    // Both ids given: Bolt skips its own auth.test.
    botId: identity.botId,
    botUserId: identity.botUserId,
    receiver,
    logger: blog,
    // The bot's own reactions reach the store, which ignores them by `fromBot`.
    ignoreSelf: false,
    // No listener reads conversation context; the default store costs work on every request.
    convoStore: false,
    clientOptions: webClientOptions(slack.apiUrl, blog),
  });

  const events = trackEvents(app);
  const idle = () => events.idle();

  app.error(async (error) => {
    logger.error(errorSummary(error), "slack: unhandled error in a listener");
  });

  const kit = createKit({ ...ctx, logger }, "slack");
  const deps: SlackDeps = {
    kit,
    portbot: ctx.portbot,
    store: ctx.store,
    logger,
    identity,
    retry: options.retry ?? INTERACTIVE_RETRY,
    isBot: botCheck(app.client, identity, logger),
  };
  const inline = { kit, retry: deps.retry, logger };
  const answerer =
    options.answers === "worker" && options.runtime !== undefined
      ? workerAnswerer({ runtime: options.runtime, slack, identity, retry: deps.retry }, inline)
      : inlineAnswerer(inline);
  registerListeners(app, deps, answerer);

  let started = false;
  return {
    app,
    mode,
    identity,
    async start() {
      const port = await startReceiving(app, mode, options.listen ?? { port: slack.port }, logger);
      started = true;
      return { port };
    },
    idle,
    ready: () => started && (socket === null || socket.client.websocket?.isActive() === true),
    async stop() {
      if (started) {
        started = false;
        // Bolt's SocketModeReceiver.stop() does not wait for the close handshake; waiting for it
        // leaves no socket or timer behind.
        if (socket !== null) await socket.client.disconnect();
        else await app.stop();
      }
      // Every request received has been acked; finish the answers they started, then let go.
      await events.close();
      await answerer.close();
      await kit.work.close();
    },
  };
}

/** Connects (Socket Mode) or listens (HTTP); returns the port listened on, or null. */
async function startReceiving(
  app: App,
  mode: "socket" | "http",
  listen: { port: number; host?: string },
  logger: Logger,
): Promise<number | null> {
  if (mode === "socket") {
    await app.start();
    logger.info({ mode }, "slack: connected over Socket Mode");
    return null;
  }
  const server = (await app.start(listen)) as import("node:http").Server;
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : listen.port;
  logger.info({ mode, port, path: SLACK_EVENTS_PATH }, "slack: listening for HTTP requests");
  return port;
}

/** Starts the Slack adapter (main.ts calls this when config.slack is set). */
export async function startSlack(
  ctx: AdapterContext,
  slack: SlackConfig,
  runtime: RuntimeConfig,
): Promise<RunningAdapter> {
  const app = await createSlackApp(ctx, slack, { answers: "worker", runtime });
  await app.start();
  return { name: "slack", ready: () => app.ready(), stop: () => app.stop() };
}
