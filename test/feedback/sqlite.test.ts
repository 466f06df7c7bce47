import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore, type StoreOptions } from "../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";
import { storeContract } from "./contract.ts";

storeContract("sqlite", async (options?: StoreOptions) => {
  const dir = await mkdtemp(join(tmpdir(), "portbot-sqlite-"));
  // a nested path: the store creates missing parent directories
  const path = join(dir, "nested", "dir", "feedback.db");
  const opened: FeedbackStore[] = [];
  const open = async (o?: StoreOptions) => {
    const s = await openSqliteStore(path, o ?? options);
    opened.push(s);
    return s;
  };
  const store = await open();
  await store.migrate();
  return {
    store,
    open,
    cleanup: async () => {
      for (const s of opened) await s.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
