// Shared by the registry and `portbot data` tests: the hand-written fixture, a synthetic full-size
// registry (the real one's size checks reject the small fixture), temp dirs, a loopback HTTP server.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURE_PATH = fileURLToPath(
  new URL("../../fixtures/registry/iana-sample.csv", import.meta.url),
);

export function fixtureText(): string {
  return readFileSync(FIXTURE_PATH, "utf8");
}

/**
 * The fixture plus `extra` generated single-port tcp rows (ports 10000…), so it passes the
 * completeness checks. `marker` goes into every generated description to tell two files apart.
 */
export function syntheticCsv(options: { extra?: number; marker?: string; drop443?: boolean } = {}) {
  const extra = options.extra ?? 6000;
  const marker = options.marker ?? "A";
  let text = fixtureText();
  if (options.drop443 === true) text = text.replace(/^https,443,.*\n/m, "");
  const rows: string[] = [];
  for (let i = 0; i < extra; i++) {
    const p = 10000 + i;
    rows.push(`svc-${p},${p},tcp,Synthetic ${marker} ${p},,,2020-01-01,,,,,`);
  }
  return `${text}${rows.join("\n")}\n`;
}

/** Records in the fixture that have a port (the parse's `kept`). */
export const FIXTURE_KEPT = 23;

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "portbot-registry-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1, port 0. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/service-names-port-numbers.csv`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
