// Turns the few grouped rows both backends query into FeedbackStats, so the two stores cannot
// disagree on ordering, shares or the top-N cut.
import type { FeedbackStats, Rating, RatingCounts } from "../core/stats-model.ts";

/** Seen deliveries are kept at least this long. */
export const EVENT_RETENTION_MS = 60 * 60 * 1000;
/** Pruning of seen deliveries runs at most this often per store. */
export const PRUNE_INTERVAL_MS = 60 * 1000;
export const DEFAULT_TOP = 10;

export interface RatingRow {
  rating: string;
  n: number;
}

export interface StatsRows {
  answers: number;
  /** Votes in the window by rating. */
  overall: RatingRow[];
  answersByPlatform: { platform: string; n: number }[];
  votesByPlatform: ({ platform: string } & RatingRow)[];
  askedByPort: { port: number; n: number }[];
  votesByPort: ({ port: number } & RatingRow)[];
  /** Already ordered worst first and cut to top. */
  leastHelpful: {
    query: string;
    platform: string;
    ports: number[];
    notHelpful: number;
    votes: number;
  }[];
}

export function emptyCounts(): RatingCounts {
  return { helpful: 0, confusing: 0, notHelpful: 0, votes: 0, helpfulShare: null };
}

function add(counts: RatingCounts, rating: string, n: number): void {
  const r = rating as Rating;
  if (r === "helpful") counts.helpful += n;
  else if (r === "confusing") counts.confusing += n;
  else if (r === "not-helpful") counts.notHelpful += n;
  else return;
  counts.votes += n;
}

function share<T extends RatingCounts>(counts: T): T {
  counts.helpfulShare = counts.votes === 0 ? null : counts.helpful / counts.votes;
  return counts;
}

export function buildStats(since: Date | null, top: number, rows: StatsRows): FeedbackStats {
  const overall = emptyCounts();
  for (const r of rows.overall) add(overall, r.rating, r.n);

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
  for (const r of rows.votesByPlatform) add(platformEntry(r.platform), r.rating, r.n);

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
  for (const r of rows.votesByPort) add(portEntry(r.port), r.rating, r.n);

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
    leastHelpful: rows.leastHelpful.slice(0, top),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
