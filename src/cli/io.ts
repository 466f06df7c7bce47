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
}

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
  };
}
