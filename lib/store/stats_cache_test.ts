import assert from "node:assert/strict";
import { StatsCache, withCachedStats } from "./stats_cache.ts";
import { statsSkeleton } from "./query.ts";
import type { Stats } from "../schema/complaint.ts";
import type { ComplaintStore } from "./port.ts";

/** A stats source that answers total = 1, 2, 3… and can be held or made to fail. */
function source() {
  let calls = 0;
  let gate: PromiseWithResolvers<void> | null = null;
  let fail = false;
  return {
    get calls() {
      return calls;
    },
    hold() {
      gate = Promise.withResolvers<void>();
      return () => gate!.resolve();
    },
    failNext() {
      fail = true;
    },
    async compute(): Promise<Stats> {
      const n = ++calls;
      if (gate) await gate.promise;
      gate = null;
      if (fail) {
        fail = false;
        throw new Error("store down");
      }
      return { ...statsSkeleton(), total: n };
    },
  };
}

function setup() {
  const src = source();
  let now = 1_000;
  const cache = new StatsCache(() => src.compute(), {
    freshMs: 5_000,
    staleMs: 60_000,
    now: () => now,
  });
  return { src, cache, advance: (ms: number) => (now += ms) };
}

const total = async (p: Promise<Stats>) => (await p).total;

Deno.test("a young answer is served again without asking the store", async () => {
  const { src, cache, advance } = setup();
  assert.equal(await total(cache.get()), 1);
  advance(4_999);
  assert.equal(await total(cache.get()), 1);
  assert.equal(src.calls, 1);
});

Deno.test("an older answer is served at once while one refresh runs; then the new one", async () => {
  const { src, cache, advance } = setup();
  await cache.get();
  advance(5_000);
  const release = src.hold();
  assert.equal(await total(cache.get()), 1, "the old answer, without waiting");
  assert.equal(await total(cache.get()), 1);
  assert.equal(src.calls, 2, "one refresh for both callers");
  release();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(await total(cache.get()), 2);
  assert.equal(src.calls, 2);
});

Deno.test("past the stale limit callers wait for a new answer", async () => {
  const { src, cache, advance } = setup();
  await cache.get();
  advance(60_000);
  assert.equal(await total(cache.get()), 2);
  assert.equal(src.calls, 2);
});

Deno.test("concurrent first callers share one computation", async () => {
  const { src, cache } = setup();
  const release = src.hold();
  const both = Promise.all([cache.get(), cache.get()]);
  release();
  assert.deepEqual((await both).map((s) => s.total), [1, 1]);
  assert.equal(src.calls, 1);
});

Deno.test("a failed refresh keeps the old answer and is tried again; a first failure is thrown", async () => {
  const { src, cache, advance } = setup();
  src.failNext();
  await assert.rejects(cache.get(), /store down/);
  assert.equal(await total(cache.get()), 2, "tried again");
  advance(5_000);
  src.failNext();
  assert.equal(await total(cache.get()), 2);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(src.calls, 3);
  assert.equal(await total(cache.get()), 2, "still the old answer, and another refresh");
  assert.equal(src.calls, 4);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(await total(cache.get()), 4);
});

Deno.test("the wrapped store answers stats from the cache and everything else itself", async () => {
  const { src, cache } = setup();
  const store = {
    name: "fake",
    stats: () => Promise.resolve({ ...statsSkeleton(), total: 99 }),
    getComplaint: function (this: unknown, id: string) {
      return Promise.resolve({ id, self: this === store });
    },
  } as unknown as ComplaintStore;
  const wrapped = withCachedStats(store, cache);
  assert.equal(wrapped.name, "fake");
  assert.equal((await wrapped.stats()).total, 1);
  assert.deepEqual(await wrapped.getComplaint("c1"), { id: "c1", self: true });
  assert.equal(src.calls, 1);
});
