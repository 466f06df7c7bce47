// Health and metrics over HTTP for orchestrators and Prometheus: /healthz (the process answers),
// /readyz (every started adapter connected and the store reachable, else 503 naming what is
// not), /metrics (Prometheus text format).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface ReadinessCheck {
  readonly name: string;
  /** Resolves true when ready; a rejection or false counts as not ready. */
  check(): Promise<boolean> | boolean;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Longest a readiness check may take before it counts as not ready. */
const CHECK_TIMEOUT_MS = 2_000;

async function notReady(checks: readonly ReadinessCheck[]): Promise<string[]> {
  const results = await Promise.all(
    checks.map(async (c) => {
      const timeout = new Promise<boolean>((resolve) =>
        setTimeout(resolve, CHECK_TIMEOUT_MS, false).unref(),
      );
      try {
        return (await Promise.race([Promise.resolve(c.check()), timeout])) ? null : c.name;
      } catch {
        return c.name;
      }
    }),
  );
  return results.filter((n): n is string => n !== null);
}

export async function startHealthServer(options: {
  port: number;
  host?: string;
  registry: Registry;
  checks: () => readonly ReadinessCheck[];
}): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const reply = (status: number, body: string, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return reply(405, "method not allowed\n");
    if (path === "/healthz") return reply(200, "ok\n");
    if (path === "/readyz") {
      void notReady(options.checks()).then((missing) =>
        missing.length === 0
          ? reply(200, "ready\n")
          : reply(503, `not ready: ${missing.join(", ")}\n`),
      );
      return;
    }
    if (path === "/metrics") {
      void options.registry.metrics().then(
        (text) => reply(200, text, options.registry.contentType),
        () => reply(500, "metrics unavailable\n"),
      );
      return;
    }
    reply(404, "not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
