// A stalled PostgreSQL (the network or server stops answering, nothing is closed) must not hang
// a request: the store gives up after its timeout with an error naming PostgreSQL and the
// operation, /port stats says the figures are unavailable, and both recover when it answers again.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { startShell } from "../../src/adapters/shell/index.ts";
import { openPostgresStore } from "../../src/feedback/postgres.ts";
import type { FeedbackStore } from "../../src/feedback/types.ts";
import { testLogger } from "../support/config.ts";
import { testPortbot } from "../support/portbot.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { eventually } from "../support/wait.ts";
import { dropSchema, PG_URL, pgSkipReason, randomSchema } from "./pg.ts";

const pgSkip = await pgSkipReason();

describe("a stalled PostgreSQL", { skip: pgSkip ?? false }, () => {
  const schema = randomSchema();
  let proxy: TcpProxy;
  let store: FeedbackStore;
  before(async () => {
    const target = new URL(PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const via = new URL(PG_URL);
    via.hostname = "127.0.0.1";
    via.port = String(proxy.port);
    store = await openPostgresStore(via.toString(), { schema, timeoutMs: 300 });
    await store.migrate();
  });
  after(async () => {
    proxy.resume();
    await store.close();
    await proxy.close();
    await dropSchema(schema);
  });

  it("fails a request with an error naming PostgreSQL and the operation, then recovers", async () => {
    proxy.stall();
    await assert.rejects(
      store.stats(),
      /^StoreError: PostgreSQL: reading the rating figures failed/,
    );
    proxy.resume();
    assert.equal(
      (await eventually(async () => store.stats().catch(() => null), "recovery")).answers,
      0,
    );
  });

  it("/port stats answers that the figures are unavailable, and the figures once it is back", async () => {
    const input = new PassThrough();
    const privateOutput = new PassThrough();
    const seen: string[] = [];
    privateOutput.on("data", (c: Buffer) => seen.push(c.toString()));
    const shell = await startShell(
      { portbot: testPortbot(), store, logger: testLogger() },
      { input, output: new PassThrough(), privateOutput, hints: new PassThrough(), color: false },
    );
    proxy.stall();
    input.write("/port stats\n");
    await eventually(() => shell.linesHandled >= 1, "the stats question answered");
    assert.match(seen.join(""), /can't read the ratings right now/);
    proxy.resume();
    await eventually(async () => store.stats().catch(() => null), "recovery");
    input.write("/port stats\n");
    await eventually(() => shell.linesHandled >= 2, "asked again");
    assert.match(seen.at(-1) ?? "", /0 answers and 0 votes/);
    input.end();
    await shell.stop();
  });
});
