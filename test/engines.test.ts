// package.json's engines says the truth: the entries need `import.meta.main` (Node 22.18+ on 22.x,
// 24.2+), and on a Node without it they fail loudly instead of exiting 0 having done nothing.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { NODE_ENGINES } from "../src/node-version.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
};
// semver comes with the dependencies (npm's own range rules); it has no types of its own here.
const semver = createRequire(import.meta.url)("semver") as {
  satisfies(version: string, range: string): boolean;
};
const NO_MAIN = fileURLToPath(new URL("./support/no-import-meta-main.ts", import.meta.url));

describe("engines", () => {
  test("package.json's range is the one the code states, and excludes Node without import.meta.main", () => {
    assert.equal(pkg.engines.node, NODE_ENGINES);
    const range = pkg.engines.node;
    for (const v of ["22.12.0", "22.17.1", "23.11.0", "24.0.0", "24.1.0", "20.19.0"]) {
      assert.equal(semver.satisfies(v, range), false, `${v} is refused`);
    }
    for (const v of ["22.18.0", "22.20.0", "24.2.0", "24.21.0", "25.0.0", process.versions.node]) {
      assert.equal(semver.satisfies(v, range), true, `${v} is accepted`);
    }
    assert.ok(readFileSync(join(ROOT, "bin/portbot.js"), "utf8").includes(NODE_ENGINES));
  });
});

describe("on a Node without import.meta.main", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", NO_MAIN, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: ROOT, SLACK_BOT_TOKEN: "" },
      input: "",
    });

  test("the bot's entry (dist/main.js, src/main.ts) exits 1 naming the versions it needs", () => {
    for (const entry of ["dist/main.js", "src/main.ts"]) {
      const r = run([entry, "serve"]);
      assert.equal(r.status, 1, `${entry}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^portbot needs Node\.js \^22\.18\.0 \|\| >=24\.2\.0; this is v/);
    }
  });

  test("the portbot command exits 1 the same way", () => {
    const r = run(["bin/portbot.js", "22"]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^portbot needs Node\.js \^22\.18\.0 \|\| >=24\.2\.0; this is v/);
  });

  // The real thing, when this machine has an older Node on PATH (the system Node, say).
  const older = olderNode();
  test("an older system Node: the portbot command exits 1", {
    skip: older === null ? "no Node older than 22.18 on PATH" : false,
  }, () => {
    const r = spawnSync(older as string, [join(ROOT, "bin/portbot.js"), "22"], {
      encoding: "utf8",
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^portbot needs Node\.js/);
  });
});

/** A `node` on PATH, other than this one, whose version is outside the range; else null. */
function olderNode(): string | null {
  const mine = dirname(process.execPath);
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "" || dir === mine) continue;
    const candidate = join(dir, "node");
    try {
      const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
      if (!semver.satisfies(version.replace(/^v/, ""), NODE_ENGINES)) return candidate;
    } catch {
      // not there, or not runnable
    }
  }
  return null;
}
