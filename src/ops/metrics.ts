// Prometheus metrics (prom-client): what the kit reports through its Telemetry interface, store
// latency, work in flight per adapter, and the default process metrics (memory, CPU, event loop).
import client from "prom-client";
import type { Telemetry } from "../adapters/kit/telemetry.ts";
import { decorateStore } from "../feedback/decorate.ts";
import type { FeedbackStore } from "../feedback/types.ts";

export interface Metrics {
  readonly registry: client.Registry;
  readonly telemetry: Telemetry;
  /** The store, with each call's duration observed by operation. */
  timed(store: FeedbackStore): FeedbackStore;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The store, with each call's duration observed by operation and outcome. */
function timedStore(
  inner: FeedbackStore,
  store: client.Histogram<"operation" | "outcome">,
): FeedbackStore {
  return decorateStore(inner, async (operation, call) => {
    const end = store.startTimer({ operation });
    try {
      const result = await call();
      end({ outcome: "ok" });
      return result;
    } catch (error) {
      end({ outcome: "error" });
      throw error;
    }
  });
}

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "portbot_" });
  const answers = new client.Counter({
    name: "portbot_answers_total",
    help: "Replies delivered, by platform and kind (ports, range, search, help, stats, none, error).",
    labelNames: ["platform", "kind"],
    registers: [registry],
  });
  const votes = new client.Counter({
    name: "portbot_votes_total",
    help: "Reactions handled, by platform, rating and outcome (voted, replaced, withdrawn, duplicate, …).",
    labelNames: ["platform", "rating", "outcome"],
    registers: [registry],
  });
  const clicks = new client.Counter({
    name: "portbot_clicks_total",
    help: "Buttons clicked on answers, by platform and section.",
    labelNames: ["platform", "section"],
    registers: [registry],
  });
  const handler = new client.Histogram({
    name: "portbot_handler_seconds",
    help: "Time from taking a request on to finishing it, by platform and surface.",
    labelNames: ["platform", "surface"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new client.Counter({
    name: "portbot_errors_total",
    help: "Failures, by kind (cannot-post, rate-limited, internal, vote-not-stored, malformed-event, busy, …).",
    labelNames: ["kind"],
    registers: [registry],
  });
  const store = new client.Histogram({
    name: "portbot_store_seconds",
    help: "Feedback store calls, by operation and outcome.",
    labelNames: ["operation", "outcome"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const queues = new Map<string, () => number>();
  new client.Gauge({
    name: "portbot_work_in_flight",
    help: "Requests an adapter has taken on and not finished.",
    labelNames: ["adapter"],
    registers: [registry],
    collect() {
      for (const [adapter, depth] of queues) this.set({ adapter }, depth());
    },
  });

  const telemetry: Telemetry = {
    answered: (platform, kind) => answers.inc({ platform, kind }),
    voted: (platform, rating, outcome) =>
      votes.inc({ platform, rating: rating ?? "none", outcome }),
    clicked: (platform, section) => clicks.inc({ platform, section }),
    handled: (platform, surface, seconds) => handler.observe({ platform, surface }, seconds),
    failed: (kind) => errors.inc({ kind }),
    watchQueue: (adapter, depth) => queues.set(adapter, depth),
  };

  return { registry, telemetry, timed: (inner) => timedStore(inner, store) };
}
