import { Redis } from "@upstash/redis";
import type { Cache } from "./port.ts";

export interface UpstashOptions {
  url: string;
  token: string;
  /** Prepended to every key, so one database can serve several apps. */
  prefix?: string;
  /** Per-request limit: a slow cache must not hold up analysis. */
  timeoutMs?: number;
}

/**
 * Cache on Upstash Redis over its REST API: JSON values with `SET … EX ttl`. Values are
 * (de)serialised here rather than by the client, so what comes back is exactly what went in.
 */
export class UpstashCache implements Cache {
  readonly name = "upstash";
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(options: UpstashOptions) {
    const timeoutMs = options.timeoutMs ?? 2000;
    this.#prefix = options.prefix ?? "inbox-triage:";
    this.#redis = new Redis({
      url: options.url,
      token: options.token,
      automaticDeserialization: false,
      enableTelemetry: false,
      retry: { retries: 1, backoff: () => 100 },
      signal: () => AbortSignal.timeout(timeoutMs),
    });
  }

  async get<T>(key: string): Promise<T | null> {
    const raw = await this.#redis.get<string>(this.#prefix + key);
    return raw === null || raw === undefined ? null : JSON.parse(raw) as T;
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    await this.#redis.set(this.#prefix + key, JSON.stringify(value), {
      ex: Math.max(1, Math.round(ttlSeconds)),
    });
  }

  /**
   * `SET key 0 EX ttl NX` then `INCR key` in one MULTI/EXEC: the counter gets its expiry when it is
   * created and only then, atomically, on every Redis version (no `EXPIRE … NX`, which needs 7.0).
   * A value stored by `set` is JSON, so a JSON number is also a counter here.
   */
  async incr(key: string, ttlSeconds: number): Promise<number> {
    const k = this.#prefix + key;
    const tx = this.#redis.multi();
    tx.set(k, 0, { ex: Math.max(1, Math.round(ttlSeconds)), nx: true });
    tx.incr(k);
    const [, count] = await tx.exec<[unknown, number]>();
    return Number(count);
  }

  async delete(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }
}
