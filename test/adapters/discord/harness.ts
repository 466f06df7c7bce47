// Starts the real discord.js client (through the adapter) against the fake Discord, with a real
// SQLite feedback store in a temp dir and the real core. Everything on 127.0.0.1, port 0.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Events } from "discord.js";
import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
} from "../../../src/adapters/discord/index.ts";
import type { Config } from "../../../src/config.ts";
import { loadPortbot } from "../../../src/core/portbot.ts";
import type { Portbot } from "../../../src/core/portbot-api.ts";
import { openSqliteStore } from "../../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../../src/feedback/types.ts";
import { createLogger } from "../../../src/logger.ts";
import { FakeDiscord, type FakeDiscordOptions } from "../../fakes/discord.ts";

let shared: Portbot | null = null;
/** The real core, loaded once per test file (loading takes ~100 ms). */
export function testPortbot(): Portbot {
  shared ??= loadPortbot();
  return shared;
}

export interface Harness {
  fake: FakeDiscord;
  store: FeedbackStore;
  adapter: DiscordAdapter;
  portbot: Portbot;
  /** Dispatches a gateway event and waits until the adapter has finished handling it. */
  dispatchAndSettle(t: string, d: unknown, options?: { seq?: number }): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  portbot?: Portbot;
  adapter?: DiscordAdapterOptions;
  fake?: FakeDiscordOptions;
  /** Share a store with an earlier harness (answers recorded by a previous process). */
  store?: FeedbackStore;
}

export function testConfig(fake: FakeDiscord, dir: string): Config {
  return {
    slack: null,
    discord: {
      token: "fake-discord-token",
      applicationId: fake.applicationId,
      guildId: null,
      apiUrl: fake.apiUrl,
    },
    databaseUrl: null,
    sqlitePath: join(dir, "feedback.db"),
    dataDir: dir,
    logLevel: "silent",
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(options.fake);
  const dir = mkdtempSync(join(tmpdir(), "portbot-discord-"));
  const ownStore = options.store === undefined;
  const store = options.store ?? (await openSqliteStore(join(dir, "feedback.db")));
  if (ownStore) await store.migrate();
  const portbot = options.portbot ?? testPortbot();
  const logger = createLogger({ level: process.env.PORTBOT_TEST_LOG ?? "silent" });
  const adapter = createDiscordAdapter(
    { config: testConfig(fake, dir), portbot, store, logger },
    options.adapter,
  );
  await adapter.start();

  async function dispatchAndSettle(t: string, d: unknown, opts: { seq?: number } = {}) {
    const handled = new Promise<void>((resolve) => {
      const onRaw = (packet: { t?: string; s?: number }) => {
        if (packet.t === t && packet.s === seq) {
          adapter.client.off(Events.Raw, onRaw);
          // discord.js handles the packet right after `raw`; the adapter's handler is then tracked.
          setImmediate(resolve);
        }
      };
      adapter.client.on(Events.Raw, onRaw);
    });
    const seq = fake.dispatch(t, d, opts);
    await handled;
    await adapter.idle();
  }

  return {
    fake,
    store,
    adapter,
    portbot,
    dispatchAndSettle,
    async close() {
      await adapter.stop();
      if (ownStore) await store.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it is truthy (for effects that arrive over the network). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}
