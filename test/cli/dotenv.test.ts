// Every command reads its configuration the same way: the environment, plus `.env` in the working
// directory for what the environment does not set. Spawns the real `portbot` binary in a directory
// whose .env holds the setting, with nothing of the kind in its environment.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { withDotEnv } from "../../src/env.ts";
import { openPostgresStore } from "../../src/feedback/postgres.ts";
import { FakeDiscord } from "../fakes/discord.ts";
import { answer } from "../feedback/fixtures.ts";
import { dropSchema, PG_URL, pgQuery, pgSkipReason, randomSchema } from "../feedback/pg.ts";
import { freePort, start } from "../support/process.ts";

const BIN = fileURLToPath(new URL("../../bin/portbot.js", import.meta.url));
const pgSkip = await pgSkipReason();

let cwd = "";
let home = "";
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "portbot-dotenv-"));
  home = mkdtempSync(join(tmpdir(), "portbot-home-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

/** `portbot …` in `cwd`, whose environment has only PATH and HOME (plus `env`). */
function portbot(args: string[], env: NodeJS.ProcessEnv = {}) {
  return start(process.execPath, [BIN, ...args], { HOME: home, ...env }, { cwd }).finished();
}

const dotEnv = (lines: string[]) => writeFileSync(join(cwd, ".env"), `${lines.join("\n")}\n`);

describe("portbot stats reads DATABASE_URL from .env", () => {
  test("the ratings it shows are the ones in that PostgreSQL", {
    skip: pgSkip ?? false,
  }, async () => {
    const schema = randomSchema();
    const store = await openPostgresStore(PG_URL, { schema });
    try {
      await store.migrate();
      await store.recordAnswer(answer({ messageId: "from-pg", query: "5432", ports: [5432] }));
    } finally {
      await store.close();
    }
    try {
      const url = new URL(PG_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      dotEnv([`DATABASE_URL=${url.href}`]);
      const fromDotEnv = await portbot(["stats", "--json"]);
      assert.equal(fromDotEnv.code, 0, fromDotEnv.stderr);
      assert.equal(JSON.parse(fromDotEnv.stdout).answers, 1);
      assert.equal(
        (await pgQuery<{ n: string }>(schema, "SELECT count(*) AS n FROM answers"))[0]?.n,
        "1",
      );
      // Without the .env it would have read the (empty) SQLite file instead.
      rmSync(join(cwd, ".env"));
      const withoutIt = await portbot(["stats", "--json"], { PORTBOT_DATA_DIR: home });
      assert.equal(JSON.parse(withoutIt.stdout).answers, 0);
    } finally {
      await dropSchema(schema);
    }
  });

  test("an unreachable DATABASE_URL in .env is what it tries (never SQLite), password unprinted", async () => {
    const port = await freePort();
    dotEnv([`DATABASE_URL=postgres://portbot:dotenv-pg-password@127.0.0.1:${port}/portbot`]);
    const r = await portbot(["stats"], { PORTBOT_DATA_DIR: home });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read the ratings in PostgreSQL \(DATABASE_URL\)/);
    assert.ok(!r.stderr.includes("dotenv-pg-password"));
  });
});

describe("the other commands read .env too", () => {
  let discord: FakeDiscord;
  beforeEach(async () => {
    discord = await FakeDiscord.start();
  });
  afterEach(async () => {
    await discord.close();
  });

  test("portbot data status: PORTBOT_DATA_DIR from .env; the environment wins over it", async () => {
    const fromFile = join(cwd, "data-from-dotenv");
    mkdirSync(fromFile);
    dotEnv(["# a comment", `PORTBOT_DATA_DIR=${fromFile}`]);
    const r = await portbot(["data", "status"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Data dir: +${fromFile}$`, "m"));
    const env = await portbot(["data", "status"], { PORTBOT_DATA_DIR: home });
    assert.match(env.stdout, new RegExp(`^Data dir: +${home}$`, "m"));
  });

  test("portbot discord register: DISCORD_TOKEN and the rest from .env", async () => {
    dotEnv([
      "DISCORD_TOKEN=ZG90ZW52.dG9rZW4.dotenv-discord-token",
      `DISCORD_APPLICATION_ID=${discord.applicationId}`,
      `DISCORD_API_URL=${discord.apiUrl}`,
    ]);
    const r = await portbot(["discord", "register"]);
    assert.equal(r.code, 0, r.stderr);
    const [put] = discord.calls(/\/commands$/, "PUT");
    assert.equal(put?.headers.authorization, "Bot ZG90ZW52.dG9rZW4.dotenv-discord-token");
    assert.ok(!`${r.stdout}${r.stderr}`.includes("dotenv-discord-token"));
  });

  test("portbot config check and portbot serve see the same .env", async () => {
    dotEnv(["DISCORD_TOKEN=not-a-discord-token"]);
    const check = await portbot(["config", "check"]);
    const serve = await portbot(["serve"], { PORTBOT_DATA_DIR: home });
    for (const r of [check, serve]) {
      assert.equal(r.code, 2);
      assert.match(r.stderr, /DISCORD_TOKEN must be a bot token/);
      assert.ok(!r.stderr.includes("not-a-discord-token"));
    }
  });
});

describe("withDotEnv", () => {
  const dir = mkdtempSync(join(tmpdir(), "portbot-withdotenv-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("adds what the environment lacks; a set variable, even empty, wins", () => {
    writeFileSync(join(dir, ".env"), 'A=from-file\nB=from-file\nC="quoted value"\n');
    const env = withDotEnv({ A: "from-env", B: "" }, dir);
    assert.deepEqual(env, { A: "from-env", B: "", C: "quoted value" });
  });

  test("no .env: unchanged; an unreadable one: one warning, never its contents", () => {
    const warnings: string[] = [];
    assert.deepEqual(
      withDotEnv({ A: "1" }, join(dir, "missing"), (m) => warnings.push(m)),
      {
        A: "1",
      },
    );
    const odd = join(dir, "odd");
    mkdirSync(join(odd, ".env"), { recursive: true });
    assert.deepEqual(
      withDotEnv({ A: "1" }, odd, (m) => warnings.push(m)),
      { A: "1" },
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /^\.env in .* not read \(EISDIR\)/);
  });
});
