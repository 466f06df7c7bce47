// Rating figures as the feedback store reports them; the core words them (reply for `stats`).

export const RATINGS = ["helpful", "confusing", "not-helpful"] as const;
export type Rating = (typeof RATINGS)[number];

export interface RatingCounts {
  helpful: number;
  confusing: number;
  notHelpful: number;
  /** helpful + confusing + notHelpful */
  votes: number;
  /** helpful / votes, or null with no votes. */
  helpfulShare: number | null;
}

export interface FeedbackStats {
  /** Start of the window, or null for all time. */
  since: Date | null;
  /** Answers recorded in the window. */
  answers: number;
  overall: RatingCounts;
  byPlatform: ({ platform: string; answers: number } & RatingCounts)[];
  /** Per port, most-asked first. */
  byPort: ({ port: number; asked: number } & RatingCounts)[];
  /** Answers rated not helpful most often, worst first. */
  leastHelpful: {
    query: string;
    platform: string;
    ports: number[];
    notHelpful: number;
    votes: number;
  }[];
}
