/** Options for {@link LoginThrottle}. */
export interface ThrottleOptions {
  /** Failures allowed per key within the window before further attempts are refused. */
  maxFailures: number;
  windowMs: number;
  now: () => number;
  /** A key's own limit when it differs from `maxFailures` (see `loginLimit`). */
  limitFor?: (key: string) => number | undefined;
}

/** Failures one address may make across all accounts before it is refused everywhere. */
export const ADDRESS_MAX_FAILURES = 20;

/**
 * The keys one login attempt counts against. The account is counted together with the address
 * it is tried from, so a stranger guessing from elsewhere locks only their own address out of
 * that account, never the account's owner; the address alone is counted too (with the higher
 * `loginLimit`), so one address cannot spray guesses over many accounts.
 */
export function loginThrottleKeys(email: string, ip: string): string[] {
  return [`account:${ip}|${email.trim().toLowerCase()}`, `address:${ip}`];
}

/** The product's limits for `loginThrottleKeys`: addresses get ADDRESS_MAX_FAILURES. */
export function loginLimit(key: string): number | undefined {
  return key.startsWith("address:") ? ADDRESS_MAX_FAILURES : undefined;
}

interface Bucket {
  failures: number;
  first: number;
}

/**
 * Counts failed logins per key (an IP, an email) in memory. One process is enough: the limit
 * only has to make online guessing slow, not be exact across instances.
 */
export class LoginThrottle {
  #buckets = new Map<string, Bucket>();
  #opts: ThrottleOptions;

  constructor(opts: Partial<ThrottleOptions> = {}) {
    this.#opts = { maxFailures: 5, windowMs: 15 * 60_000, now: Date.now, ...opts };
  }

  #live(key: string): Bucket | undefined {
    const b = this.#buckets.get(key);
    if (b && this.#opts.now() - b.first >= this.#opts.windowMs) {
      this.#buckets.delete(key);
      return undefined;
    }
    return b;
  }

  /** Seconds until any of the keys may try again; 0 when none is blocked. */
  retryAfter(keys: string[]): number {
    let wait = 0;
    for (const key of keys) {
      const b = this.#live(key);
      const max = this.#opts.limitFor?.(key) ?? this.#opts.maxFailures;
      if (b && b.failures >= max) {
        const ms = b.first + this.#opts.windowMs - this.#opts.now();
        wait = Math.max(wait, Math.ceil(ms / 1000));
      }
    }
    return wait;
  }

  fail(keys: string[]): void {
    for (const key of keys) {
      const b = this.#live(key);
      if (b) b.failures++;
      else this.#buckets.set(key, { failures: 1, first: this.#opts.now() });
    }
    // Bound memory under a spray of distinct keys.
    if (this.#buckets.size > 10_000) {
      for (const key of [...this.#buckets.keys()].slice(0, 5_000)) this.#buckets.delete(key);
    }
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.#buckets.delete(key);
  }
}
