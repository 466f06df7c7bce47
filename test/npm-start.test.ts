// `npm start` as a service manager stops it: SIGTERM to the npm process. npm runs the script
// through `sh -c`; the script execs node, so npm's forwarded SIGTERM reaches the bot itself, which
// stops gracefully and exits 0 (without exec, sh died and node kept serving as an orphan).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { FakeSlack, sendSlashCommand } from "./fakes/slack.ts";
import { freePort, start } from "./support/process.ts";
import { eventually } from "./support/wait.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("SIGTERM to `npm start` stops the bot: node exits 0 and is gone", {
  timeout: 60_000,
}, async () => {
  const slack = await FakeSlack.start();
  const dir = mkdtempSync(join(tmpdir(), "portbot-npm-start-"));
  const port = await freePort();
  const npm = start(
    "npm",
    ["start", "--silent"],
    {
      // This test's Node first, as npm scripts have it.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`,
      HOME: dir,
      npm_config_update_notifier: "false",
      PORTBOT_DATA_DIR: dir,
      LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "xoxb-npm-start-test",
      SLACK_SIGNING_SECRET: "npm-start-secret",
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HEALTH_PORT: "0",
      // Set (empty) so a .env in the checkout cannot add a platform or a store to this run.
      SLACK_APP_TOKEN: "",
      DISCORD_TOKEN: "",
      DISCORD_APPLICATION_ID: "",
      DISCORD_GUILD_ID: "",
      DATABASE_URL: "",
      PORTBOT_DB: "",
    },
    { cwd: ROOT },
  );
  let botPid: number | null = null;
  try {
    const running = await eventually(
      () =>
        npm
          .output()
          .stderr.split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as { msg: string; pid: number })
          .find((l) => l.msg === "portbot running"),
      "the bot to be running",
      30_000,
    );
    botPid = running.pid;
    assert.notEqual(botPid, npm.child.pid, "node is npm's child, not npm");
    const res = await sendSlashCommand(
      `http://127.0.0.1:${port}/slack/events`,
      "npm-start-secret",
      {
        text: "22",
        response_url: slack.responseUrl(),
      },
    );
    assert.equal(res.status, 200);

    npm.child.kill("SIGTERM");
    const r = await npm.finished(20_000);
    assert.equal(r.signal, null, "npm exited rather than being killed");
    assert.equal(r.code, 0, `npm start exits with node's status 0\n${r.stderr}`);
    assert.match(r.stderr, /"msg":"portbot stopping"/);
    await eventually(() => !alive(running.pid), "the bot process to be gone", 5_000);
  } finally {
    if (npm.child.exitCode === null && npm.child.signalCode === null) npm.child.kill("SIGKILL");
    if (botPid !== null && alive(botPid)) process.kill(botPid, "SIGKILL");
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
