// Bounded handling of Web API rate limits on interactive paths.
//
// WebClient's default policy waits out every 429 (ten retries over about thirty minutes) and pauses
// its whole request queue meanwhile, which would leave a person staring at nothing. The adapter's
// clients reject rate-limited calls at once (`rejectRateLimitedCalls`) and this wrapper retries a
// few times when Slack's Retry-After is short, then gives up with RateLimitedError so the caller
// can tell the person.
import { type Logger as BoltLogger, webApi } from "@slack/bolt";

export interface RateLimitPolicy {
  /** Calls in all, the first included. */
  attempts: number;
  /** A Retry-After longer than this is not waited out. */
  maxWaitMs: number;
}

/** For paths a person is waiting on: at most 3 calls and 2 waits of at most 5 s. */
export const INTERACTIVE_RETRY: RateLimitPolicy = { attempts: 3, maxWaitMs: 5_000 };

export class RateLimitedError extends Error {
  override name = "RateLimitedError";
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(`Slack rate limit: retry after ${retryAfterSeconds}s`, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Seconds to wait when `error` is a Web API rate limit, else null. */
export function retryAfterOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  if (error.code === webApi.ErrorCode.RateLimitedError && "retryAfter" in error) {
    return typeof error.retryAfter === "number" ? error.retryAfter : 1;
  }
  // Some methods answer HTTP 200 with `{ok:false, error:"ratelimited"}`.
  if (platformErrorOf(error) === "ratelimited") return 1;
  return null;
}

/** The `error` string of a Web API platform error (`not_in_channel`, …), else null. */
export function platformErrorOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  if (error.code !== webApi.ErrorCode.PlatformError || !("data" in error)) return null;
  const data = error.data;
  if (typeof data === "object" && data !== null && "error" in data) {
    return typeof data.error === "string" ? data.error : null;
  }
  return null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRateLimitRetry<T>(
  call: () => Promise<T>,
  policy: RateLimitPolicy,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter === null) throw error;
      const waitMs = Math.max(0, retryAfter * 1000);
      if (attempt >= policy.attempts || waitMs > policy.maxWaitMs) {
        throw new RateLimitedError(retryAfter, { cause: error });
      }
      await sleep(waitMs);
    }
  }
}

/**
 * WebClient options for every client the adapter makes: rate limits rejected at once (handled by
 * withRateLimitRetry), a short bounded retry for network and 5xx errors, a request timeout.
 */
export function webClientOptions(
  apiUrl: string | null,
  logger?: BoltLogger,
): webApi.WebClientOptions {
  return {
    // The WebClient otherwise prints its own warnings as plain `[WARN]` text on stderr.
    ...(logger === undefined ? {} : { logger }),
    ...(apiUrl === null ? {} : { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` }),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    timeout: 10_000,
  };
}
