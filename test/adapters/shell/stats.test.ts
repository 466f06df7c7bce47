// Ratings read back in the shell: a range answer is counted in the most-asked list (for its first
// port, as a name search is for its best match), and a port nobody rated says so once.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, test } from "node:test";
import { startShell } from "../../../src/adapters/shell/index.ts";
import { testLogger } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
import { tempStore } from "../../support/stores.ts";

const temp = await tempStore("portbot-shell-stats-");
after(() => temp.close());

async function typed(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (c: Buffer) => {
    printed += c.toString("utf8");
  });
  const shell = await startShell(
    { portbot: testPortbot(), store: temp.store, logger: testLogger() },
    { input, output, hints: new PassThrough(), color: false },
  );
  input.end(lines.map((l) => `${l}\n`).join(""));
  await shell.done;
  return printed;
}

test("a range answer appears in the most-asked ports, and unrated ports say so once", async () => {
  const printed = await typed([
    "/port 6000-6063",
    "+",
    "/port 6000-6063",
    "/port 22",
    "/port stats",
  ]);
  assert.match(printed, /• 6000 asked 2 times · 100% helpful \(1 vote\)$/m);
  assert.match(printed, /• 22 asked 1 time · no votes yet$/m);
  assert.doesNotMatch(printed, /no votes yet \(/);
});
