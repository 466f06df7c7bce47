// Running portbot as its own process, the way an operator does: a loopback port nothing listens
// on (for "unreachable"), and a child whose output and exit are collected with a deadline.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** A loopback port that was free a moment ago: nothing answers there (ECONNREFUSED). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Running {
  child: ChildProcess;
  /** Output so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves at exit; kills the child (SIGKILL) and rejects after `timeoutMs`. */
  finished(timeoutMs?: number): Promise<Finished>;
}

/** Spawns `command args` with exactly `env` (nothing of the test's own environment but PATH). */
export function start(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; input?: string } = {},
): Running {
  const began = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  // "close": the exit, and every byte of output read.
  const exited = once(child, "close") as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    output: () => ({ stdout, stderr }),
    async finished(timeoutMs = 30_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`${command} ${args.join(" ")} still running after ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        const [code, signal] = await Promise.race([exited, timeout]);
        return { code, signal, stdout, stderr, ms: Date.now() - began };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
