// Discord: time from INTERACTION_CREATE leaving the fake gateway to the first interaction callback
// (the deferral) reaching the fake REST API, for portbot's adapter and for a bare discord.js client
// that only defers; same process, same run, interleaved. Figures only, never asserted.
// Target: portbot ≤ 1.2× the bare client.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { createDiscordAdapter } from "../src/adapters/discord/index.ts";
import { loadPortbot } from "../src/core/portbot.ts";
import { openSqliteStore } from "../src/feedback/sqlite.ts";
import { createLogger } from "../src/logger.ts";
import { FakeDiscord, portCommandData, type RecordedRequest } from "../test/fakes/discord.ts";

const ROUNDS = 300;
const WARMUP = 40;
const QUERIES = ["5432", "22", "443/tcp", "6379", "60876", "postgres", "8080", "27017"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function firstCallbackLatency(
  fake: FakeDiscord,
  query: string,
  settle: () => Promise<void>,
): Promise<number> {
  const sentAt = performance.now();
  const payload = fake.sendInteraction(2, portCommandData(query));
  const callback = await fake.waitForRequest(
    (r: RecordedRequest) =>
      r.method === "POST" && r.decodedPath.endsWith(`/${payload.id}/${payload.token}/callback`),
  );
  await settle();
  return callback.at - sentAt;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "portbot-discord-bench-"));
  const portbotFake = await FakeDiscord.start();
  const bareFake = await FakeDiscord.start();
  const store = await openSqliteStore(join(dir, "feedback.db"));
  await store.migrate();
  const portbot = loadPortbot();
  const adapter = createDiscordAdapter(
    { portbot, store, logger: createLogger({ level: "silent" }) },
    {
      token: "bench-token",
      applicationId: portbotFake.applicationId,
      guildId: null,
      apiUrl: portbotFake.apiUrl,
    },
  );
  const bare = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: bareFake.apiUrl },
  });
  const bareDone = new Set<Promise<unknown>>();
  bare.on(Events.InteractionCreate, (i) => {
    if (!i.isChatInputCommand()) return;
    const p = i.deferReply().catch(() => {});
    bareDone.add(p);
    void p.finally(() => bareDone.delete(p));
  });
  try {
    await adapter.start();
    const bareReady = new Promise((r) => bare.once(Events.ClientReady, r));
    await bare.login("bench-token");
    await bareReady;

    const times = { portbot: [] as number[], bare: [] as number[] };
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const query = QUERIES[i % QUERIES.length] ?? "5432";
      // Alternate which goes first so neither always runs on a warmer loop.
      const order = i % 2 === 0 ? (["portbot", "bare"] as const) : (["bare", "portbot"] as const);
      for (const who of order) {
        const ms =
          who === "portbot"
            ? await firstCallbackLatency(portbotFake, query, () => adapter.idle())
            : await firstCallbackLatency(bareFake, query, async () => {
                await Promise.all([...bareDone]);
              });
        if (i >= WARMUP) times[who].push(ms);
      }
    }
    const p = [...times.portbot].sort((a, b) => a - b);
    const b = [...times.bare].sort((a, b) => a - b);
    const fmt = (n: number) => `${n.toFixed(3)} ms`;
    console.log(
      `INTERACTION_CREATE → first callback at the fake, ${ROUNDS} rounds each (/port, mixed queries)`,
    );
    console.log(`  portbot    median ${fmt(percentile(p, 50))}  p99 ${fmt(percentile(p, 99))}`);
    console.log(`  bare defer median ${fmt(percentile(b, 50))}  p99 ${fmt(percentile(b, 99))}`);
    console.log(
      `  ratio portbot/bare: median ${(percentile(p, 50) / percentile(b, 50)).toFixed(2)}×, p99 ${(percentile(p, 99) / percentile(b, 99)).toFixed(2)}× (target ≤ 1.2×)`,
    );
    // What portbot does before its deferral that the bare client does not: ask the core (it decides
    // whether the answer is public or ephemeral, and the deferral must say which).
    const core: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      portbot.reply(QUERIES[i % QUERIES.length] ?? "5432");
      core.push(performance.now() - t0);
    }
    core.sort((x, y) => x - y);
    console.log(`  of which portbot.reply() (warm): median ${fmt(percentile(core, 50))}`);
  } finally {
    await adapter.stop();
    await bare.destroy();
    await store.close();
    await portbotFake.close();
    await bareFake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await run();
