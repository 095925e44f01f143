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

  async delete(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }
}
