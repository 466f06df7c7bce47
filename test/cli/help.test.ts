// `portbot help` is the command's own usage (commands, options, exit status), not the chat help.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { USAGE } from "../../src/cli/main.ts";

const BIN = fileURLToPath(new URL("../../bin/portbot.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "portbot-cli-help-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: dataDir, PORTBOT_DATA_DIR: dataDir },
  });
}

test("help, --help and -h print the CLI usage on stdout and exit 0", () => {
  for (const args of [["help"], ["--help"], ["-h"], ["HELP"]]) {
    const r = run(args);
    assert.equal(r.status, 0, args.join(" "));
    assert.equal(r.stdout, USAGE, args.join(" "));
    assert.equal(r.stderr, "");
  }
});

test("the usage names the commands, the options and the exit status, not chat commands", () => {
  for (const part of ["portbot stats", "portbot data update", "portbot serve", "--json"]) {
    assert.ok(USAGE.includes(part), part);
  }
  for (const part of ["--no-color", "--version", "Exit status: 0 answered, 1", "2 invalid"]) {
    assert.ok(USAGE.includes(part), part);
  }
  assert.doesNotMatch(USAGE, /\/port |React to an answer|mention me/);
});

test("help --json still answers as JSON (kind help)", () => {
  const r = run(["help", "--json"]);
  assert.equal(r.status, 0);
  assert.equal(JSON.parse(r.stdout).kind, "help");
});
