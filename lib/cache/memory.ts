import type { Cache } from "./port.ts";

/** In-process cache with per-entry TTL and a size bound (oldest entries evicted first). */
export class MemoryCache implements Cache {
  readonly name = "memory";
  #entries = new Map<string, { value: unknown; expires: number }>();

  constructor(private readonly maxEntries = 10_000, private readonly now = () => Date.now()) {}

  get<T>(key: string): Promise<T | null> {
    const entry = this.#entries.get(key);
    if (!entry) return Promise.resolve(null);
    if (entry.expires <= this.now()) {
      this.#entries.delete(key);
      return Promise.resolve(null);
    }
    return Promise.resolve(structuredClone(entry.value) as T);
  }

  set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    this.#entries.delete(key);
    this.#entries.set(key, {
      value: structuredClone(value),
      expires: this.now() + ttlSeconds * 1000,
    });
    while (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return Promise.resolve();
  }

  incr(key: string, ttlSeconds: number): Promise<number> {
    const entry = this.#entries.get(key);
    if (entry && entry.expires > this.now()) {
      if (!Number.isSafeInteger(entry.value)) {
        return Promise.reject(new Error(`Cache key ${key} does not hold a counter`));
      }
      // Updated in place: the expiry stays where the first increment put it.
      entry.value = (entry.value as number) + 1;
      return Promise.resolve(entry.value as number);
    }
    return this.set(key, 1, ttlSeconds).then(() => 1);
  }

  delete(key: string): Promise<void> {
    this.#entries.delete(key);
    return Promise.resolve();
  }
}
