import type { Cache } from "./port.ts";

/**
 * True the first time `key` is claimed within `ttlSeconds`, false for every later claim until it
 * expires: how a replayed signature or a redelivered Telegram update is recognised. It counts in
 * the shared cache with its atomic increment, so of several instances claiming one key at once
 * exactly one wins.
 */
export async function claimOnce(cache: Cache, key: string, ttlSeconds: number): Promise<boolean> {
  return await cache.incr(key, Math.max(1, Math.ceil(ttlSeconds))) === 1;
}
