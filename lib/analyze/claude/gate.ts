import { Limiter } from "../../limiter.ts";

/**
 * The one door to the Messages API for every caller in the process: at most `concurrency`
 * requests at once, and one shared pause. A 429/529 or `retry-after` seen by any caller, or
 * rate-limit headers saying the budget is spent, holds every caller back until the time given,
 * instead of each finding out with its own failed request.
 */
export class ClaudeGate {
  #limiter: Limiter;
  #pausedUntil = 0;
  #inFlight = 0;
  #peak = 0;

  constructor(concurrency: number, private readonly now: () => number = Date.now) {
    this.#limiter = new Limiter(concurrency);
  }

  /** Requests in flight now, and the most there ever were (for benchmarks and metrics). */
  get inFlight(): number {
    return this.#inFlight;
  }
  get peak(): number {
    return this.#peak;
  }

  /** Milliseconds until the shared pause ends (0 when none). */
  get pausedFor(): number {
    return Math.max(0, this.#pausedUntil - this.now());
  }

  /** Hold every caller back for `ms` from now (a longer pause already set stands). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.now() + ms);
  }

  /**
   * Read Anthropic's rate-limit headers: when requests, tokens or input/output tokens left are
   * 0, pause until that limit's reset time.
   */
  observe(headers: Headers | undefined): void {
    if (!headers) return;
    for (const kind of ["requests", "tokens", "input-tokens", "output-tokens"]) {
      const remaining = headers.get(`anthropic-ratelimit-${kind}-remaining`);
      const reset = headers.get(`anthropic-ratelimit-${kind}-reset`);
      if (remaining === null || reset === null || Number(remaining) > 0) continue;
      const at = Date.parse(reset);
      if (!Number.isNaN(at)) this.pause(at - this.now());
    }
  }

  /** Run one request through the gate: wait for a slot and for the shared pause to end. */
  async run<T>(request: () => Promise<T>, sleep = defaultSleep): Promise<T> {
    return await this.#limiter.run(async () => {
      for (let wait = this.pausedFor; wait > 0; wait = this.pausedFor) await sleep(wait);
      this.#inFlight++;
      this.#peak = Math.max(this.#peak, this.#inFlight);
      try {
        return await request();
      } finally {
        this.#inFlight--;
      }
    });
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
