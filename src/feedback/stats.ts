// Turns the few grouped rows both backends query into FeedbackStats, so the two stores cannot
// disagree on ordering, shares or the top-N cut.
import type { FeedbackStats, RatingCounts } from "../core/stats-model.ts";

/** Seen deliveries are kept at least this long. */
export const EVENT_RETENTION_MS = 60 * 60 * 1000;
/** Pruning of seen deliveries runs at most this often per store. */
export const PRUNE_INTERVAL_MS = 60 * 1000;
export const DEFAULT_TOP = 10;

/** One answer with votes in the window: its votes there by rating. */
export interface RatedAnswer {
  /** Recording order: ties in leastHelpful go to the earlier answer. */
  id: number;
  platform: string;
  query: string;
  ports: number[];
  helpful: number;
  confusing: number;
  notHelpful: number;
}

/**
 * What a backend reads for stats(): two small counts over answers in the window and one grouped
 * pass over the votes in it; everything else (overall, per platform, per port, worst answers) is
 * summed here, once for both backends.
 */
export interface StatsRows {
  /** Answers recorded in the window. */
  answers: number;
  answersByPlatform: { platform: string; n: number }[];
  askedByPort: { port: number; n: number }[];
  rated: RatedAnswer[];
}

export function emptyCounts(): RatingCounts {
  return { helpful: 0, confusing: 0, notHelpful: 0, votes: 0, helpfulShare: null };
}

function add(counts: RatingCounts, r: RatedAnswer): void {
  counts.helpful += r.helpful;
  counts.confusing += r.confusing;
  counts.notHelpful += r.notHelpful;
  counts.votes += r.helpful + r.confusing + r.notHelpful;
}

function share<T extends RatingCounts>(counts: T): T {
  counts.helpfulShare = counts.votes === 0 ? null : counts.helpful / counts.votes;
  return counts;
}

export function buildStats(since: Date | null, top: number, rows: StatsRows): FeedbackStats {
  const overall = emptyCounts();
  for (const r of rows.rated) add(overall, r);

  const platforms = new Map<string, { platform: string; answers: number } & RatingCounts>();
  const platformEntry = (platform: string) => {
    let e = platforms.get(platform);
    if (e === undefined) {
      e = { platform, answers: 0, ...emptyCounts() };
      platforms.set(platform, e);
    }
    return e;
  };
  for (const r of rows.answersByPlatform) platformEntry(r.platform).answers += r.n;
  for (const r of rows.rated) add(platformEntry(r.platform), r);

  const ports = new Map<number, { port: number; asked: number } & RatingCounts>();
  const portEntry = (port: number) => {
    let e = ports.get(port);
    if (e === undefined) {
      e = { port, asked: 0, ...emptyCounts() };
      ports.set(port, e);
    }
    return e;
  };
  for (const r of rows.askedByPort) portEntry(r.port).asked += r.n;
  for (const r of rows.rated) for (const port of new Set(r.ports)) add(portEntry(port), r);

  return {
    since,
    answers: rows.answers,
    overall: share(overall),
    byPlatform: [...platforms.values()]
      .map(share)
      .sort((a, b) => b.answers - a.answers || b.votes - a.votes || cmp(a.platform, b.platform)),
    byPort: [...ports.values()]
      .map(share)
      .sort((a, b) => b.asked - a.asked || b.votes - a.votes || a.port - b.port)
      .slice(0, top),
    leastHelpful: rows.rated
      .filter((r) => r.notHelpful > 0)
      .map((r) => ({ ...r, votes: r.helpful + r.confusing + r.notHelpful }))
      .sort((a, b) => b.notHelpful - a.notHelpful || a.votes - b.votes || a.id - b.id)
      .slice(0, top)
      .map((r) => ({
        query: r.query,
        platform: r.platform,
        ports: r.ports,
        notHelpful: r.notHelpful,
        votes: r.votes,
      })),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
