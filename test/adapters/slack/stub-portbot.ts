// A small stand-in for the core with the same contract (src/core/portbot-api.ts), used where a test
// needs a reply of a given shape (very large, echoing user text) that the real core does not make.
import type { Answer } from "../../../src/core/answer-model.ts";
import type { FailureCode, Portbot } from "../../../src/core/portbot-api.ts";
import type { Card, Reply } from "../../../src/core/reply-model.ts";
import type { FeedbackStats } from "../../../src/core/stats-model.ts";
import type { Knowledge, Registry } from "../../../src/core/types.ts";

function base(query: string, over: Partial<Reply>): Reply {
  return {
    kind: "none",
    query,
    text: "",
    cards: [],
    notes: [],
    ports: [],
    visibility: "private",
    ratable: false,
    ratingPrompt: null,
    ...over,
  };
}

export function portCard(port: number, query: string): Card {
  return {
    title: `Port ${port} · stub`,
    subtitle: `You asked: ${query}`,
    port,
    sections: [
      {
        title: "IANA assignment",
        body: [
          [
            { t: "text", text: "Stub assignment for " },
            { t: "code", text: query },
          ],
        ],
        items: [
          [
            { t: "strong", text: "tcp" },
            { t: "text", text: " stub service" },
          ],
        ],
        commands: [{ label: "macOS / Linux", command: `lsof -nP -iTCP:${port} -sTCP:LISTEN` }],
      },
      {
        title: "Links",
        body: [[{ t: "link", text: "IANA registry", url: `https://www.iana.org/?q=${port}&x=1` }]],
        items: [],
        commands: [],
      },
    ],
  };
}

function portsReply(ports: number[], query: string): Reply {
  return base(query, {
    kind: "ports",
    text: `Ports ${ports.join(", ")} (stub). You asked: ${query}`,
    cards: ports.map((p) => portCard(p, query)),
    ports,
    visibility: "public",
    ratable: true,
    ratingPrompt: "Was this helpful? 😃 🤨 😔",
  });
}

function portsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b\d{1,5}\b/g)) {
    const n = Number(m[0]);
    if (n <= 65535 && !out.includes(n)) out.push(n);
  }
  return out;
}

export function stubPortbot(): Portbot {
  const reply = (text: string): Reply => {
    const q = text.trim();
    if (q === "help")
      return base(q, {
        kind: "help",
        text: "Help (stub)",
        notes: [[{ t: "text", text: "Help (stub)" }]],
      });
    if (q === "stats") return base(q, { kind: "stats", text: "stats" });
    const ports = portsIn(q);
    if (ports.length === 0) {
      return base(q, {
        kind: "error",
        text: `Not a port: ${q}`,
        notes: [
          [
            { t: "text", text: "Not a port: " },
            { t: "code", text: q },
          ],
        ],
      });
    }
    return portsReply(ports, q);
  };
  return {
    registry: {} as Registry,
    knowledge: {} as Knowledge,
    answer: (text: string) => ({ query: text, kind: "none", ports: [] }) as Answer,
    reply,
    repliesForMessage(text: string, max = 5) {
      const ports = portsIn(text);
      const shown = ports.slice(0, max);
      return shown.map((p, i) => {
        const r = portsReply([p], text);
        if (i === shown.length - 1 && ports.length > max) {
          r.notes = [[{ t: "text", text: `Showing ${max} of ${ports.length} ports.` }]];
        }
        return r;
      });
    },
    portsIn,
    suggest: () => [],
    help: () =>
      base("help", {
        kind: "help",
        text: "Help (stub)",
        notes: [[{ t: "text", text: "Help (stub)" }]],
      }),
    usageHint: () =>
      base("", {
        kind: "help",
        text: "Usage hint (stub)",
        notes: [[{ t: "text", text: "Usage hint (stub)" }]],
      }),
    stats: (stats: FeedbackStats) =>
      base("stats", {
        kind: "stats",
        text: `Stats (stub): ${stats.answers} answers, ${stats.overall.votes} votes`,
        notes: [
          [
            {
              t: "text",
              text: `Stats (stub): ${stats.answers} answers, ${stats.overall.votes} votes`,
            },
          ],
        ],
      }),
    failure: (code: FailureCode) =>
      base("", {
        kind: "error",
        text: `Failure (stub): ${code}`,
        notes: [[{ t: "text", text: `Failure (stub): ${code}` }]],
      }),
  };
}
