// What a CLI subcommand gets instead of touching process.* directly, so tests can drive it.
import { withDotEnv } from "../env.ts";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal (colour allowed unless NO_COLOR is set). */
  isTTY: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number | undefined;
  /** stdin is a terminal: nothing is piped in (`ss -ltnp | portbot` pipes a listing). */
  stdinIsTTY: boolean;
  /** Everything piped in, as text (at most STDIN_MAX_BYTES; the rest is not read). */
  readStdin(): Promise<string>;
}

/** Far more than any listing a person pipes in; a runaway pipe is cut here. */
export const STDIN_MAX_BYTES = 1024 * 1024;

/** A subcommand: gets the arguments after its name, returns the exit status. */
export type Subcommand = (args: string[], io: CliIo) => Promise<number>;

/** The real process: its streams, and its environment with `.env` in the working directory added. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: withDotEnv(process.env),
    columns: process.stdout.columns,
    isTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= STDIN_MAX_BYTES) break;
      }
      return Buffer.concat(chunks).subarray(0, STDIN_MAX_BYTES).toString("utf8");
    },
  };
}
