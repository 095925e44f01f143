import assert from "node:assert/strict";
import { MemoryCache } from "./memory.ts";
import { claimOnce } from "./once.ts";
import { UpstashCache } from "./upstash.ts";
import { startRedis } from "../../test/harness/redis.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";
import { startUpstashShim } from "../../test/harness/upstash_shim.ts";

Deno.test("a key is claimed once until it expires, then can be claimed again", async () => {
  let now = 1_000_000;
  const cache = new MemoryCache(100, () => now);
  assert.equal(await claimOnce(cache, "k", 60), true);
  assert.equal(await claimOnce(cache, "k", 60), false);
  assert.equal(await claimOnce(cache, "other", 60), true);
  now += 59_000;
  assert.equal(await claimOnce(cache, "k", 60), false);
  now += 2_000;
  assert.equal(await claimOnce(cache, "k", 60), true);
});

Deno.test("concurrent claims of one key in one process: exactly one wins", async () => {
  const cache = new MemoryCache();
  const results = await Promise.all(Array.from({ length: 10 }, () => claimOnce(cache, "k", 60)));
  assert.equal(results.filter(Boolean).length, 1);
});

Deno.test({
  name:
    "two instances (two Upstash clients on one redis) claiming one key at once: exactly one wins",
  ignore: skipUnless("redis-server", !!findBinary("redis-server")),
  fn: async () => {
    const redis = await startRedis();
    const shim = await startUpstashShim(redis.port, "once-token");
    try {
      const a = new UpstashCache({ url: shim.url, token: shim.token });
      const b = new UpstashCache({ url: shim.url, token: shim.token });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => claimOnce(i % 2 ? a : b, "update:42", 60)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    } finally {
      await shim.stop();
      await redis.stop();
    }
  },
});
