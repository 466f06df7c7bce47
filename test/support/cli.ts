// A CLI's io for tests: what a subcommand prints, captured, with the environment it is given.
import type { CliIo } from "../../src/cli/io.ts";

export type CapturedIo = CliIo & { out: string; err: string };

export function fakeIo(env: NodeJS.ProcessEnv): CapturedIo {
  const io = {
    out: "",
    err: "",
    env,
    isTTY: false,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
