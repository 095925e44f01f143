import type { Stats } from "../schema/complaint.ts";
import type { ComplaintStore } from "./port.ts";

/** How old cached stats may be. */
export interface StatsCacheOptions {
  /** An answer younger than this is served as it is. */
  freshMs: number;
  /**
   * An older one, up to this age, is served while a new one is computed in the background (the
   * agent does not wait for it); past this age callers wait for the new one.
   */
  staleMs: number;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/**
 * Stats computed at most once per `freshMs`, and never waited for while the last answer is
 * younger than `staleMs`; concurrent callers share one computation. For a store that must read
 * every complaint to count them (MongoDB: one `$group` pass), so that a dashboard's cost does not
 * grow with the inbox. Not module state: the composition root owns one per store.
 */
export class StatsCache {
  readonly #compute: () => Promise<Stats>;
  readonly #options: Required<StatsCacheOptions>;
  #value: { stats: Stats; at: number } | null = null;
  #pending: Promise<Stats> | null = null;

  constructor(compute: () => Promise<Stats>, options: StatsCacheOptions) {
    this.#compute = compute;
    this.#options = { now: Date.now, ...options };
  }

  /** The stats, from the cache when young enough (see {@link StatsCacheOptions}). */
  get(): Promise<Stats> {
    const age = this.#value ? this.#options.now() - this.#value.at : Infinity;
    if (this.#value && age < this.#options.freshMs) return Promise.resolve(this.#value.stats);
    const refresh = this.#refresh();
    if (this.#value && age < this.#options.staleMs) {
      // The caller has its answer; a failed refresh leaves the old one to be tried again.
      refresh.catch(() => {});
      return Promise.resolve(this.#value.stats);
    }
    return refresh;
  }

  #refresh(): Promise<Stats> {
    this.#pending ??= (async () => {
      const started = this.#options.now();
      try {
        const stats = await this.#compute();
        this.#value = { stats, at: started };
        return stats;
      } finally {
        this.#pending = null;
      }
    })();
    return this.#pending;
  }
}

/** The store with `stats()` answered by `cache`; every other call goes to the store itself. */
export function withCachedStats(store: ComplaintStore, cache: StatsCache): ComplaintStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "stats") return () => cache.get();
      // The store itself as `this`: its methods and getters use private fields.
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
