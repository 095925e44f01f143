import type { Cache } from "./port.ts";

// Keys being claimed right now, per cache: two concurrent claims in one process must not both
// see "absent" between the cache's get and set.
const claiming = new WeakMap<Cache, Set<string>>();

/**
 * True the first time `key` is claimed within `ttlSeconds`, false for every later claim until it
 * expires: how a replayed signature or a redelivered Telegram update is recognised. It lives in
 * the shared cache so every instance sees the same claims. The port has no atomic set-if-absent,
 * so two instances claiming the same key in the same few milliseconds could both win; within one
 * process claims are serialised.
 */
export async function claimOnce(cache: Cache, key: string, ttlSeconds: number): Promise<boolean> {
  let pending = claiming.get(cache);
  if (!pending) claiming.set(cache, pending = new Set());
  if (pending.has(key)) return false;
  pending.add(key);
  try {
    if (await cache.get<number>(key) !== null) return false;
    await cache.set(key, 1, Math.max(1, Math.ceil(ttlSeconds)));
    return true;
  } finally {
    pending.delete(key);
  }
}
