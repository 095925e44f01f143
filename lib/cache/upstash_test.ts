import assert from "node:assert/strict";
import { Redis } from "@upstash/redis";
import { startRedis } from "../../test/harness/redis.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";
import { startUpstashShim, type UpstashShim } from "../../test/harness/upstash_shim.ts";
import { UpstashCache } from "./upstash.ts";

const ignore = skipUnless("redis-server", !!findBinary("redis-server"));

async function withShim(fn: (shim: UpstashShim) => Promise<void>): Promise<void> {
  const redis = await startRedis();
  try {
    const shim = await startUpstashShim(redis.port, "cache-token");
    try {
      await fn(shim);
    } finally {
      await shim.stop();
    }
  } finally {
    await redis.stop();
  }
}

Deno.test({
  name: "UpstashCache round-trips JSON values exactly, under its prefix, with the TTL as EX",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const cache = new UpstashCache({ url: shim.url, token: shim.token, prefix: "t:" });
      const value = {
        analysis: { summary: "Заказ №12345 не пришёл ✓", amounts: [{ value: 49.99 }] },
        text: '{"looks":"like json"}',
        n: 0,
        nothing: null,
      };
      await cache.set("analysis:claude:abc", value, 120);
      assert.deepEqual(await cache.get("analysis:claude:abc"), value);
      const raw = new Redis({ url: shim.url, token: shim.token });
      const ttl = await raw.ttl("t:analysis:claude:abc");
      assert.ok(ttl > 100 && ttl <= 120, `ttl ${ttl}`);
      assert.equal(await raw.exists("analysis:claude:abc"), 0);
    }),
});

Deno.test({
  name: "UpstashCache misses on unknown, deleted and expired keys",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const cache = new UpstashCache({ url: shim.url, token: shim.token });
      assert.equal(await cache.get("never-set"), null);
      await cache.set("gone", { a: 1 }, 60);
      await cache.delete("gone");
      assert.equal(await cache.get("gone"), null);
      await cache.set("short", { a: 1 }, 1);
      assert.deepEqual(await cache.get("short"), { a: 1 });
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal(await cache.get("short"), null);
    }),
});

Deno.test({
  name:
    "UpstashCache rejects when the token is wrong or the server is gone, so callers can skip it",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const wrong = new UpstashCache({ url: shim.url, token: "wrong" });
      await assert.rejects(() => wrong.get("k"));
      const cache = new UpstashCache({ url: shim.url, token: shim.token, timeoutMs: 500 });
      await shim.stop();
      const started = performance.now();
      await assert.rejects(() => cache.set("k", 1, 60));
      assert.ok(performance.now() - started < 3000);
    }),
});

Deno.test({
  name: "UpstashCache.incr counts atomically across clients, with the TTL set once, at creation",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      // Two clients stand for two instances of the product sharing one database.
      const a = new UpstashCache({ url: shim.url, token: shim.token, prefix: "t:" });
      const b = new UpstashCache({ url: shim.url, token: shim.token, prefix: "t:" });
      assert.equal(await a.incr("hits", 60), 1);
      assert.equal(await b.incr("hits", 60), 2);
      const together = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).incr("hits", 60)),
      );
      assert.deepEqual(
        together.toSorted((x, y) => x - y),
        Array.from({ length: 20 }, (_, i) => i + 3),
      );
      const raw = new Redis({ url: shim.url, token: shim.token });
      const ttl = await raw.ttl("t:hits");
      assert.ok(ttl > 50 && ttl <= 60, `ttl ${ttl}`);
      await raw.expire("t:hits", 5);
      await a.incr("hits", 60);
      assert.ok(await raw.ttl("t:hits") <= 5, "an increment does not push the expiry back");
      assert.equal(await a.get("hits"), 23, "a counter reads back as a number");
    }),
});

Deno.test({
  name: "UpstashCache.incr starts again after the key expires and refuses a non-counter",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const cache = new UpstashCache({ url: shim.url, token: shim.token });
      assert.equal(await cache.incr("short", 1), 1);
      assert.equal(await cache.incr("short", 1), 2);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal(await cache.incr("short", 1), 1);
      await cache.set("json", { a: 1 }, 60);
      await assert.rejects(() => cache.incr("json", 60));
      assert.deepEqual(await cache.get("json"), { a: 1 });
    }),
});
