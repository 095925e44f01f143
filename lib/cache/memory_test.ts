import assert from "node:assert/strict";
import { MemoryCache } from "./memory.ts";

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

Deno.test("get returns what set stored; delete removes it; a missing key is null", async () => {
  const cache = new MemoryCache();
  assert.equal(await cache.get("k"), null);
  await cache.set("k", { category: "billing", score: 0.9 }, 60);
  assert.deepEqual(await cache.get("k"), { category: "billing", score: 0.9 });
  await cache.set("k", "replaced", 60);
  assert.equal(await cache.get("k"), "replaced");
  await cache.delete("k");
  assert.equal(await cache.get("k"), null);
  await cache.delete("never-set");
});

Deno.test("an entry lives for its TTL by the injected clock, then is gone", async () => {
  const c = clock();
  const cache = new MemoryCache(100, c.now);
  await cache.set("a", 1, 10);
  await cache.set("b", 2, 30);
  c.advance(9_999);
  assert.equal(await cache.get("a"), 1);
  c.advance(1);
  assert.equal(await cache.get("a"), null, "expired at exactly ttl");
  assert.equal(await cache.get("b"), 2);
  c.advance(20_000);
  assert.equal(await cache.get("b"), null);
});

Deno.test("setting a key again restarts its TTL", async () => {
  const c = clock();
  const cache = new MemoryCache(100, c.now);
  await cache.set("a", 1, 10);
  c.advance(8_000);
  await cache.set("a", 2, 10);
  c.advance(8_000);
  assert.equal(await cache.get("a"), 2);
});

Deno.test("past maxEntries the oldest-set entries are evicted first", async () => {
  const cache = new MemoryCache(3);
  for (const k of ["a", "b", "c"]) await cache.set(k, k, 60);
  await cache.set("a", "a2", 60); // re-setting makes "a" the newest
  await cache.set("d", "d", 60);
  assert.equal(await cache.get("b"), null);
  assert.equal(await cache.get("a"), "a2");
  assert.equal(await cache.get("c"), "c");
  assert.equal(await cache.get("d"), "d");
  await cache.set("e", "e", 60);
  assert.equal(await cache.get("c"), null);
  assert.equal(await cache.get("d"), "d");
});

Deno.test("stored values are copies: later mutation on either side changes nothing", async () => {
  const cache = new MemoryCache();
  const value = { tags: ["a"], entities: { orderNumbers: ["1"] } };
  await cache.set("k", value, 60);
  value.tags.push("mutated-after-set");
  const first = await cache.get<typeof value>("k");
  assert.deepEqual(first, { tags: ["a"], entities: { orderNumbers: ["1"] } });
  first!.entities.orderNumbers.push("mutated-after-get");
  assert.deepEqual(await cache.get("k"), { tags: ["a"], entities: { orderNumbers: ["1"] } });
});

Deno.test("incr counts from 1 and keeps the expiry of the first increment (a fixed window)", async () => {
  const c = clock();
  const cache = new MemoryCache(100, c.now);
  assert.equal(await cache.incr("n", 10), 1);
  c.advance(6_000);
  assert.equal(await cache.incr("n", 10), 2);
  assert.equal(await cache.incr("other", 10), 1, "keys count apart");
  c.advance(3_999);
  assert.equal(await cache.incr("n", 10), 3, "later increments did not extend the expiry…");
  c.advance(1);
  assert.equal(await cache.get("n"), null, "…so it expires 10 s after the first one");
  assert.equal(await cache.incr("n", 10), 1, "and counting starts again");
});

Deno.test("incr continues a number stored by set and refuses a key holding something else", async () => {
  const cache = new MemoryCache();
  await cache.set("n", 41, 60);
  assert.equal(await cache.incr("n", 60), 42);
  assert.equal(await cache.get("n"), 42);
  await cache.set("s", { not: "a counter" }, 60);
  await assert.rejects(() => cache.incr("s", 60), /does not hold a counter/);
  assert.deepEqual(await cache.get("s"), { not: "a counter" });
});
