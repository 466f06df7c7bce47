// The Dockerfile builds and its image runs, checked without a Docker engine: its stages are
// replayed in order in a temp dir (test/support/dockerfile.ts: each COPY copies exactly what it
// names, each RUN runs the same npm command from the local npm cache), so a file the build or the
// runtime needs that no COPY brings in fails here. Then the final stage is run the way the image
// runs it: the CMD with no tokens (exit 2, what to set), the CMD against the fake Slack and fake
// Discord (answers, SIGTERM, exit 0), the HEALTHCHECK command, and the CLI.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { NOTHING_TO_SERVE } from "../src/config.ts";
import { FakeDiscord, portCommandData } from "./fakes/discord.ts";
import { FakeSlack, sendSlashCommand } from "./fakes/slack.ts";
import {
  dockerignore,
  imageSettings,
  parseDockerfile,
  replayDockerfile,
  type Stage,
  stageEnv,
} from "./support/dockerfile.ts";
import { freePort, start } from "./support/process.ts";
import { eventually } from "./support/wait.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DOCKERFILE = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { dev?: boolean }>;
};
/** What only the dev dependencies need (typescript, biome, …), by the lockfile's own flag. */
const DEV_ONLY = Object.entries(lock.packages)
  .filter(([path, p]) => p.dev === true && /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path))
  .map(([path]) => path.slice("node_modules/".length));

describe("Dockerfile, replayed", { timeout: 180_000 }, () => {
  let dir = "";
  let stages: Stage[] = [];
  let image: Stage;
  let replayMs = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "portbot-docker-"));
    const began = Date.now();
    stages = await replayDockerfile(DOCKERFILE, { context: ROOT, into: dir });
    replayMs = Date.now() - began;
    image = stages.at(-1) as Stage;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The final stage's CMD with `node` being this Node, in its WORKDIR, with its ENV. */
  const runImage = (cmd: readonly string[], env: NodeJS.ProcessEnv = {}) => {
    const [program, ...args] = cmd;
    return start(
      program === "node" ? process.execPath : (program ?? ""),
      args,
      {
        ...stageEnv(image),
        HOME: join(image.root, "home/node"),
        ...env,
      },
      { cwd: join(image.root, image.workdir) },
    );
  };

  test("every stage builds, in order: build, deps, runtime", () => {
    assert.deepEqual(
      stages.map((s) => `${s.name} ${s.base}`),
      [
        "build node:24-bookworm-slim",
        "deps node:24-bookworm-slim",
        "runtime node:24-bookworm-slim",
      ],
    );
    process.stderr.write(`# Dockerfile replayed in ${(replayMs / 1000).toFixed(1)} s\n`);
  });

  test("the image: non-root, a data volume, production dependencies only, serve as its command", () => {
    assert.equal(image.user, "node");
    assert.deepEqual(image.volumes, ["/data"]);
    assert.equal(image.env.PORTBOT_DATA_DIR, "/data");
    assert.ok(image.expose.includes(Number(image.env.PORT)));
    assert.deepEqual(image.cmd, ["node", "dist/main.js", "serve"]);
    const modules = join(image.root, image.workdir, "node_modules");
    assert.ok(existsSync(join(modules, "@slack/bolt")) && existsSync(join(modules, "discord.js")));
    assert.ok(DEV_ONLY.includes("typescript") && DEV_ONLY.includes("@biomejs/biome"));
    for (const dev of DEV_ONLY) {
      assert.ok(!existsSync(join(modules, dev)), `${dev} (dev only) is not in the image`);
    }
    assert.ok(!existsSync(join(image.root, image.workdir, "src")), "no sources, only dist/");
  });

  test("with no tokens the CMD exits 2 saying what to set (no shell on a closed stdin)", async () => {
    const r = await runImage(image.cmd ?? []).finished(20_000);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `portbot: ${NOTHING_TO_SERVE}\n`);
  });

  test("with tokens the CMD serves Slack (HTTP) and Discord, answers, and stops on SIGTERM", async () => {
    const slack = await FakeSlack.start();
    const discord = await FakeDiscord.start();
    const port = await freePort();
    const bot = runImage(image.cmd ?? [], {
      LOG_LEVEL: "warn",
      PORT: String(port),
      HEALTH_PORT: "0",
      SLACK_BOT_TOKEN: "xoxb-docker-test",
      SLACK_SIGNING_SECRET: "docker-test-secret",
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: "ZG9ja2Vy.dGVzdA.docker-test-token",
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
    });
    try {
      await eventually(() => discord.identifies > 0, "the Discord IDENTIFY", 30_000);
      const interaction = discord.sendInteraction(2, portCommandData("22"));
      await discord.waitForRequest(
        (r) => r.method === "PATCH" && r.decodedPath.includes(`/${interaction.token}/messages/`),
        15_000,
      );
      const url = `http://127.0.0.1:${port}/slack/events`;
      const res = await eventually(
        () =>
          sendSlashCommand(url, "docker-test-secret", {
            text: "5432",
            response_url: slack.responseUrl(),
          }).catch(() => undefined),
        "the Slack receiver",
        15_000,
      );
      assert.equal(res.status, 200);
      // Answered by the worker thread, loaded from dist/ with production dependencies only.
      await eventually(() => slack.callsTo("chat.postMessage")[0], "the Slack answer", 15_000);
      bot.child.kill("SIGTERM");
      const r = await bot.finished(20_000);
      assert.equal(r.code, 0, r.stderr);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await slack.close();
      await discord.close();
    }
  });

  test("the HEALTHCHECK asks /healthz on HEALTH_PORT with Node's fetch (no curl in the image)", async () => {
    assert.match(image.healthcheck?.options ?? "", /--interval=\S+ --timeout=\S+/);
    const cmd = image.healthcheck?.cmd ?? [];
    assert.equal(cmd[0], "node");
    let status = 200;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? "");
      res.writeHead(status).end();
    }).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const address = server.address();
    const port = String(typeof address === "object" && address !== null ? address.port : 0);
    try {
      assert.equal((await runImage(cmd, { HEALTH_PORT: port }).finished()).code, 0, "200: healthy");
      status = 503;
      assert.equal((await runImage(cmd, { HEALTH_PORT: port }).finished()).code, 1, "503: not");
      assert.deepEqual(paths, ["/healthz", "/healthz"]);
    } finally {
      server.close();
    }
    const nobody = String(await freePort());
    assert.equal((await runImage(cmd, { HEALTH_PORT: nobody }).finished()).code, 1, "no answer");
  });

  test("the portbot command works in the image too", async () => {
    const r = await runImage(["node", "bin/portbot.js", "5432"]).finished();
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Port 5432 · tcp · registered · PostgreSQL/m);
  });
});

describe("Dockerfile replay: the rules it holds the Dockerfile to", () => {
  test("instructions: comments dropped, continuations joined, lines kept", () => {
    const ins = parseDockerfile("# c\nFROM x AS a\n\nENV A=1 \\\n    B=2\nRUN echo hi\n");
    assert.deepEqual(ins, [
      { keyword: "FROM", args: "x AS a", line: 2 },
      { keyword: "ENV", args: "A=1      B=2", line: 4 },
      { keyword: "RUN", args: "echo hi", line: 6 },
    ]);
  });

  test("the image's settings (what the production bench runs): the final stage's ENV and CMD", () => {
    const text =
      'FROM a AS build\nENV X=1\nCMD ["no"]\nFROM b\nENV N=p \\\n  M=1\nCMD ["node", "--f", "m.js"]\n';
    assert.deepEqual(imageSettings(text), {
      env: { N: "p", M: "1" },
      cmd: ["node", "--f", "m.js"],
    });
    const image = imageSettings(DOCKERFILE);
    assert.equal(image.env.MALLOC_ARENA_MAX, "1");
    assert.deepEqual(image.cmd, ["node", "dist/main.js", "serve"]);
  });

  test(".dockerignore: a pattern excludes a path and everything under it; ! re-includes", () => {
    const ignored = dockerignore("node_modules\n*.db\ndist\n!dist/keep\n");
    assert.equal(ignored("node_modules/x/index.js"), true);
    assert.equal(ignored("feedback.db"), true);
    assert.equal(ignored("data/feedback.db"), false, "*.db is for the context's top level");
    assert.equal(ignored("dist/main.js"), true);
    assert.equal(ignored("dist/keep"), false);
    assert.equal(ignored("src/main.ts"), false);
  });

  test("a COPY of something ignored or absent, or an unknown RUN, fails the replay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portbot-docker-rules-"));
    try {
      const attempt = (text: string) => replayDockerfile(text, { context: ROOT, into: dir });
      await assert.rejects(
        attempt("FROM n AS a\nWORKDIR /app\nCOPY dist ./dist\n"),
        /\.dockerignore/,
      );
      await assert.rejects(attempt("FROM n AS b\nCOPY nowhere ./\n"), /nowhere: not found/);
      await assert.rejects(attempt("FROM n AS c\nRUN apt-get install -y curl\n"), /not replayed/);
      await assert.rejects(attempt("FROM n AS d\nCOPY --from=zz /app ./\n"), /no stage zz/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
