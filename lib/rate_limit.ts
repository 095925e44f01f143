import type { Cache } from "./cache/port.ts";
import { sha256Hex } from "./crypto.ts";
import type { Logger } from "./log.ts";

/** What one counted request learned: let it through or not, and for how long to back off. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Requests allowed per window (0: no limit). */
  limit: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Whole seconds until the current window ends (at least 1): the `Retry-After` of a refusal. */
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  /** Counts of different surfaces ("api", "ingest") never mix. */
  scope: string;
  /** Requests per caller per window; 0 turns the limiter off. */
  limit: number;
  windowSeconds?: number;
  now: () => Date;
  log: Logger;
  /**
   * After the cache fails, requests pass uncounted this long before the cache is asked again, so
   * an unreachable cache costs one timeout per interval instead of one per request.
   */
  bypassAfterFailureMs?: number;
}

/**
 * Who a request counts against, as the part of a counter key after the scope. Secrets are hashed
 * here, once: a counter key in a shared cache must not be usable as a credential.
 */
export const rateLimitCaller = {
  /** A bearer token (API or ingest). */
  token: async (token: string): Promise<string> => `token:${(await sha256Hex(token)).slice(0, 32)}`,
  /** An agent session, by its stored id. */
  session: async (sessionId: string): Promise<string> =>
    `session:${(await sha256Hex(sessionId)).slice(0, 32)}`,
  /** Anyone else, by client address (`unknown` when the server could not tell). */
  address: (address: string): string => `addr:${address}`,
};

/**
 * Fixed-window request counter over the cache port: one counter per caller per window, created
 * with the window's length as TTL. With a shared cache (Upstash) every instance counts into the
 * same counter. A fixed window may let up to twice the limit through across a window boundary;
 * in exchange it is one atomic cache call per request. Fails open: a limiter must not take the
 * product down with its cache.
 */
export class RateLimiter {
  readonly #cache: Cache;
  readonly #options: Required<RateLimiterOptions>;
  #bypassUntil = 0;

  constructor(cache: Cache, options: RateLimiterOptions) {
    this.#cache = cache;
    this.#options = { windowSeconds: 60, bypassAfterFailureMs: 10_000, ...options };
    if (!(this.#options.windowSeconds >= 1)) throw new Error("windowSeconds must be at least 1");
  }

  /** Count one request of `caller` (a `rateLimitCaller` value) and decide whether it may pass. */
  async hit(caller: string): Promise<RateLimitDecision> {
    const { limit, windowSeconds, scope, log } = this.#options;
    const nowMs = this.#options.now().getTime();
    const windowMs = windowSeconds * 1000;
    const window = Math.floor(nowMs / windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - nowMs) / 1000));
    const pass = { allowed: true, limit, remaining: limit, retryAfterSeconds };
    if (limit <= 0 || nowMs < this.#bypassUntil) return pass;
    let count: number;
    try {
      // The window number is in the key, so a new window is a new counter; the TTL only cleans up.
      count = await this.#cache.incr(`ratelimit:${scope}:${caller}:${window}`, windowSeconds + 5);
    } catch (err) {
      this.#bypassUntil = nowMs + this.#options.bypassAfterFailureMs;
      log.warn("rate_limit_unavailable", {
        scope,
        cache: this.#cache.name,
        error: String(err),
        bypassMs: this.#options.bypassAfterFailureMs,
      });
      return pass;
    }
    return {
      allowed: count <= limit,
      limit,
      remaining: Math.max(0, limit - count),
      retryAfterSeconds,
    };
  }
}
