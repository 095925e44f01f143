import Anthropic from "@anthropic-ai/sdk";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The longest we wait before a retry; a server asking for longer makes us give up instead. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told each wait before a retry (to share the back-off with other callers). */
  onBackoff?: (ms: number) => void;
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

/** Why an attempt failed, when retrying it could help; null when it cannot. */
export function retryable(err: unknown): { retryAfterMs?: number } | null {
  if (err instanceof Anthropic.APIConnectionTimeoutError) return null;
  if (err instanceof Anthropic.APIUserAbortError) return null;
  if (err instanceof Anthropic.APIConnectionError) return {};
  if (!(err instanceof Anthropic.APIError) || err.status === undefined) return null;
  if (!RETRYABLE.has(err.status)) return null;
  return { retryAfterMs: retryAfterMs(err.headers) };
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Run `attempt`, retrying rate limits (429), overload (529), 5xx and connection errors. The
 * server's retry-after is honoured up to `maxWaitMs`; asked to wait longer, we stop so the caller
 * can fall back instead of stalling the pipeline. Without retry-after: 0.5 s, 1 s, 2 s… capped.
 * Timeouts are not retried: the time is already spent.
 */
export async function withCappedRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let retry = 0;; retry++) {
    try {
      return await attempt();
    } catch (err) {
      const why = retryable(err);
      if (!why || retry >= policy.maxRetries) throw err;
      const wait = why.retryAfterMs ?? Math.min(500 * 2 ** retry, policy.maxWaitMs);
      if (wait > policy.maxWaitMs) throw err;
      policy.onBackoff?.(wait);
      await sleep(wait);
    }
  }
}
