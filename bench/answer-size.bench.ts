// The size of an answer as people see it, compact (the default) against full, for the ports people
// ask about most: rows in an 80-column terminal, visible characters in Slack and in Discord.
// Figures only; the limits themselves are tested in test/adapters/compact-size.test.ts.
import { renderReply } from "../src/adapters/discord/embeds.ts";
import { renderText } from "../src/adapters/shell/render-text.ts";
import { replyBlocks } from "../src/adapters/slack/blocks.ts";
import { loadPortbot } from "../src/core/portbot.ts";
import type { Detail } from "../src/core/reply.ts";
import type { Reply } from "../src/core/reply-model.ts";
import { discordVisibleChars, slackVisibleChars, terminalRows } from "../test/support/visible.ts";

/** The ports people ask about most (SSH, web, databases, caches, brokers, RDP, games, …). */
export const MOST_ASKED = [
  22, 80, 443, 3306, 5432, 6379, 8080, 3000, 27017, 3389, 25565, 53, 25, 21, 9200, 5672, 11211,
  2375, 60876, 1433,
] as const;

interface Size {
  rows: number;
  slack: number;
  discord: number;
}

function sizeOf(reply: Reply): Size {
  // The terminal as `portbot <query>` prints it (no rating prompt); chat with its prompt.
  const text = renderText({ ...reply, ratingPrompt: null }, { color: false, width: 80 });
  const embeds = renderReply(reply).flat();
  return {
    rows: terminalRows(text),
    slack: slackVisibleChars(replyBlocks(reply)),
    discord: embeds.reduce((n, e) => n + discordVisibleChars(e), 0),
  };
}

const ratio = (full: number, compact: number) => `${(full / compact).toFixed(1)}×`;
const cell = (compact: number, full: number) =>
  `${String(compact).padStart(5)} / ${String(full).padStart(5)} (${ratio(full, compact).padStart(5)})`;

function line(label: string, compact: Size, full: Size): string {
  return `${label.padEnd(12)} ${cell(compact.rows, full.rows)}  ${cell(compact.slack, full.slack)}  ${cell(compact.discord, full.discord)}`;
}

export async function run(): Promise<void> {
  const portbot = loadPortbot();
  const size = (q: string, detail: Detail) => sizeOf(portbot.reply(q, { detail }));
  console.log(
    `${"query".padEnd(12)} ${"rows at 80 columns".padEnd(22)}  ${"Slack characters".padEnd(22)}  Discord characters`,
  );
  console.log(`${"".padEnd(12)} ${"compact / full (ratio)".padEnd(22)}`);
  const totals = {
    compact: { rows: 0, slack: 0, discord: 0 },
    full: { rows: 0, slack: 0, discord: 0 },
  };
  const worst = { rows: 0, slack: 0, discord: 0 };
  for (const port of MOST_ASKED) {
    const compact = size(String(port), "compact");
    const full = size(String(port), "full");
    console.log(line(String(port), compact, full));
    for (const k of ["rows", "slack", "discord"] as const) {
      totals.compact[k] += compact[k];
      totals.full[k] += full[k];
      worst[k] = Math.max(worst[k], compact[k]);
    }
  }
  console.log(line("all 20", totals.compact, totals.full));
  console.log(
    `largest compact answer of the 20: ${worst.rows} rows, ${worst.slack} characters in Slack, ${worst.discord} in Discord (limits: 12 rows, 1,200 characters)`,
  );
  console.log(line("22 80 443", size("22 80 443", "compact"), size("22 80 443", "full")));
  console.log("(limit for three ports: 36 rows)");
}

if (import.meta.main) await run();
