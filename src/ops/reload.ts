// Fresh data without a restart: `portbot data update` replaces the registry cache in the data
// directory atomically (rename); a running bot notices (a watch on that directory, or SIGHUP) and
// swaps in a freshly loaded core. Answers in progress finish on the core they started with.
import { type FSWatcher, watch } from "node:fs";
import type { Portbot } from "../core/portbot-api.ts";
import { CACHE_FILE } from "../core/registry/cache.ts";
import type { Logger } from "../logger.ts";

export interface ReloadablePortbot {
  /** Delegates every call to the core currently loaded. */
  readonly portbot: Portbot;
  /** Loads the data again and swaps it in; keeps the old core if loading fails. */
  reload(why: string): void;
  /** Reloads whenever the registry cache in `dataDir` is replaced. */
  watch(dataDir: string): void;
  close(): void;
}

/** How long to wait after the last change before loading (an update writes, then renames). */
const SETTLE_MS = 200;

export function reloadable(load: () => Portbot, logger: Logger): ReloadablePortbot {
  let current = load();
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  // Every member of the core, delegated to whichever core is current at the time of the call.
  const portbot = new Proxy({} as Portbot, {
    get: (_target, key) => {
      const value = (current as unknown as Record<PropertyKey, unknown>)[key];
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
  const reload = (why: string) => {
    try {
      const next = load();
      next.warm();
      current = next;
      logger.info(
        { why, registry: next.registry.source, updated: next.registry.updated },
        "data reloaded",
      );
    } catch (error) {
      logger.error({ err: error, why }, "reloading the data failed; keeping the data in use");
    }
  };
  return {
    portbot,
    reload,
    watch(dataDir) {
      try {
        watcher = watch(dataDir, (_event, file) => {
          if (file !== CACHE_FILE) return;
          if (timer !== null) clearTimeout(timer);
          timer = setTimeout(() => reload(`${CACHE_FILE} changed`), SETTLE_MS);
        });
        watcher.on("error", (error) =>
          logger.warn({ err: error }, "watching the data directory failed"),
        );
      } catch (error) {
        // No data directory yet (default data): SIGHUP still reloads after an update.
        logger.info({ err: error, dataDir }, "not watching the data directory");
      }
    },
    close() {
      watcher?.close();
      if (timer !== null) clearTimeout(timer);
    },
  };
}
