import { openPostgresStore } from "../../src/feedback/postgres.ts";
import type { StoreOptions } from "../../src/feedback/sqlite.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";
import { storeContract } from "./contract.ts";
import { dropSchema, PG_URL, pgSkipReason, randomSchema } from "./pg.ts";

const skip = await pgSkipReason();

storeContract(
  "postgres",
  async (options?: StoreOptions) => {
    const schema = randomSchema();
    const opened: FeedbackStore[] = [];
    const open = async (o?: StoreOptions) => {
      const s = await openPostgresStore(PG_URL, { ...(o ?? options), schema, max: 4 });
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
        await dropSchema(schema);
      },
    };
  },
  skip ?? false,
);
