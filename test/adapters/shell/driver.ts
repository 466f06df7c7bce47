// The shell through the adapter contract: lines typed into its input, answers read from its
// output (public) and private output (for the asker alone), ratings typed after an answer.
import { PassThrough } from "node:stream";
import { startShell } from "../../../src/adapters/shell/index.ts";
import type { Rating } from "../../../src/core/stats-model.ts";
import { RATING_CHOICES } from "../../../src/core/wording.ts";
import { testLogger } from "../../support/config.ts";
import { testPortbot } from "../../support/portbot.ts";
import { type Faults, faultyStore, holdNextRecord, tempStore } from "../../support/stores.ts";
import { eventually } from "../../support/wait.ts";
import type { AdapterDriver, Observed } from "../contract.ts";

function collect(stream: PassThrough): string[] {
  const chunks: string[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c.toString("utf8")));
  return chunks;
}

const observed = (text: string): Observed => ({ id: "", text, raw: text, seeds: [] });

export async function startShellDriver(): Promise<AdapterDriver> {
  const temp = await tempStore("portbot-shell-contract-");
  const faults: Faults = { recordAnswer: false, stats: false };
  const store = faultyStore(temp.store, faults);
  const portbot = testPortbot();
  const input = new PassThrough();
  const output = new PassThrough();
  const privateOutput = new PassThrough();
  const printed = collect(output);
  const printedPrivately = collect(privateOutput);
  const editors: string[] = [];
  const shell = await startShell(
    { portbot, store, logger: testLogger(), notesEditors: editors },
    { input, output, privateOutput, hints: new PassThrough(), color: false },
  );
  let typed = 0;
  const type = async (line: string) => {
    typed += 1;
    const want = typed;
    input.write(`${line}\n`);
    await eventually(() => shell.linesHandled >= want, `line ${want} handled`);
  };
  let stopped = false;

  return {
    name: "shell",
    scope: { platform: "shell", workspace: "local" },
    editors,
    store,
    portbot,
    faults,
    idMarkup: "",
    injection: "\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b[2J",
    isLive: (text) => text.includes("\u001b"),
    command: (text) => type(`/port ${text}`),
    mention: (text) => type(`@portbot ${text}`),
    async mentionFromBot() {
      throw new Error("a terminal has no bots");
    },
    publicAnswers: async () => printed.filter((t) => !/^Thanks: recorded/.test(t)).map(observed),
    privateReplies: async () => printedPrivately.map(observed),
    async rate(_answer, _voter, rating: Rating) {
      // A typed rating applies to the answers just shown, by the person at the terminal.
      const key = RATING_CHOICES.find((c) => c.rating === rating)?.typed ?? "+";
      await type(key);
      return "";
    },
    failNextPost() {
      throw new Error("a terminal cannot refuse a post");
    },
    failingSurface: "command",
    holdNextPost: () => holdNextRecord(faults),
    commandNoWait(text) {
      typed += 1;
      input.write(`/port ${text}\n`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      input.end();
      await shell.stop();
    },
    async close() {
      if (!stopped) {
        stopped = true;
        input.end();
        await shell.stop();
      }
      await temp.close();
    },
  };
}
