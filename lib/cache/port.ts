/** The cache port: analyses by content hash, with a TTL; counters for rate limits. */
export interface Cache {
  readonly name: string;
  get<T>(key: string): Promise<T | null>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Add one to the integer counter at `key` and return the new value, atomically, so several
   * instances sharing the cache count together. A missing or expired key starts at 1 and lives
   * `ttlSeconds` from that first increment; later increments do not extend it (a fixed window).
   * Rejects when the key holds something other than a counter.
   */
  incr(key: string, ttlSeconds: number): Promise<number>;
}
