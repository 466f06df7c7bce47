// Runs vote-child.ts and follows its output line by line.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Plan } from "./vote-child.ts";

const SCRIPT = fileURLToPath(new URL("./vote-child.ts", import.meta.url));

export interface Voter {
  child: ChildProcess;
  /** Resolves with every stdout line and the exit code or signal, once the process has ended. */
  ended: Promise<{
    lines: string[];
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>;
  /** Resolves when a line matching `test` has been printed. */
  waitFor(test: (line: string, index: number) => boolean): Promise<void>;
}

export function startVoter(plan: Plan): Voter {
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(plan)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { test: (line: string, i: number) => boolean; resolve: () => void }[] = [];
  let partial = "";
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    const parts = (partial + d).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.test(line, lines.length - 1)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    }
  });
  const ended = new Promise<{
    lines: string[];
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => {
    child.on("close", (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve();
      resolve({ lines, code, signal, stderr });
    });
  });
  return {
    child,
    ended,
    waitFor: (test) =>
      new Promise<void>((resolve) => {
        if (lines.some(test)) resolve();
        else waiters.push({ test, resolve });
      }),
  };
}

/** Parses "ack <eventId> <messageId> <voter> <outcome>" lines. */
export function acks(
  lines: string[],
): { eventId: string; messageId: string; voter: string; outcome: string }[] {
  return lines
    .filter((l) => l.startsWith("ack "))
    .map((l) => {
      const [, eventId = "", messageId = "", voter = "", outcome = ""] = l.split(" ");
      return { eventId, messageId, voter, outcome };
    });
}
