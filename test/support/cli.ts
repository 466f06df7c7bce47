// A CLI's io for tests: what a subcommand prints, captured, with the environment it is given.
import type { CliIo } from "../../src/cli/io.ts";

export type CapturedIo = CliIo & { out: string; err: string };

/** `stdin`: what is piped in; none means stdin is a terminal. */
export function fakeIo(env: NodeJS.ProcessEnv, stdin?: string): CapturedIo {
  const io = {
    out: "",
    err: "",
    env,
    isTTY: false,
    stdinIsTTY: stdin === undefined,
    readStdin: async () => stdin ?? "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
