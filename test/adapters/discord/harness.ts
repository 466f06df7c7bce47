// Starts the real discord.js client (through the adapter) against the fake Discord, with a real
// SQLite feedback store in a temp dir and the one test portbot. Everything on 127.0.0.1, port 0.
import { Events } from "discord.js";
import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
} from "../../../src/adapters/discord/index.ts";
import type { Portbot } from "../../../src/core/portbot-api.ts";
import type { FeedbackStore } from "../../../src/feedback/types.ts";
import { FakeDiscord, type FakeDiscordOptions } from "../../fakes/discord.ts";
import { testDiscordConfig, testLogger } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
import { tempStore } from "../../support/stores.ts";

export { eventually } from "../../support/wait.ts";

export interface Harness {
  fake: FakeDiscord;
  store: FeedbackStore;
  adapter: DiscordAdapter;
  portbot: Portbot;
  /**
   * Dispatches a gateway event and waits until the adapter has finished handling it; resolves
   * with the dispatch's sequence number (its delivery id).
   */
  dispatchAndSettle(t: string, d: unknown, options?: { seq?: number }): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  portbot?: Portbot;
  adapter?: DiscordAdapterOptions;
  fake?: FakeDiscordOptions;
  /** Share a store with an earlier harness (answers recorded by a previous process). */
  store?: FeedbackStore;
  /** NOTES_EDITORS; the test may change the array while the adapter runs. */
  notesEditors?: string[];
  /** Wraps the test's store (to make some of its calls fail). */
  wrapStore?: (store: FeedbackStore) => FeedbackStore;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(options.fake);
  const temp = options.store === undefined ? await tempStore("portbot-discord-") : null;
  const base = options.store ?? (temp as NonNullable<typeof temp>).store;
  const store = options.wrapStore?.(base) ?? base;
  const portbot = options.portbot ?? testPortbot();
  const adapter = createDiscordAdapter(
    { portbot, store, logger: testLogger(), notesEditors: options.notesEditors ?? [] },
    testDiscordConfig(fake.apiUrl, fake.applicationId),
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
    return seq;
  }

  return {
    fake,
    store,
    adapter,
    portbot,
    dispatchAndSettle,
    async close() {
      await adapter.stop();
      await temp?.close();
      await fake.close();
    },
  };
}
