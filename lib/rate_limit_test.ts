import assert from "node:assert/strict";
import { MemoryCache } from "./cache/memory.ts";
import { UpstashCache } from "./cache/upstash.ts";
import { createLogger } from "./log.ts";
import { rateLimitCaller, RateLimiter, type RateLimiterOptions } from "./rate_limit.ts";
import { startRedis } from "../test/harness/redis.ts";
import { findBinary, skipUnless } from "../test/harness/require.ts";
import { startUpstashShim } from "../test/harness/upstash_shim.ts";

/** A clock the test moves by hand; starts 10 s into a minute. */
function clock(start = Date.UTC(2026, 8, 7, 10, 0, 10)) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

function logs() {
  const lines: Record<string, unknown>[] = [];
  return { log: createLogger("debug", (l) => lines.push(JSON.parse(l))), lines };
}

function limiter(cache: MemoryCache | UpstashCache, options: Partial<RateLimiterOptions> = {}) {
  const c = clock();
  const { log, lines } = logs();
  const rl = new RateLimiter(cache, { scope: "api", limit: 3, now: c.now, log, ...options });
  return { rl, clock: c, lines };
}

/** A memory cache whose counters can be switched off, as an unreachable Upstash would be. */
class SwitchableCache extends MemoryCache {
  down = false;
  calls = 0;
  override incr(key: string, ttlSeconds: number): Promise<number> {
    this.calls++;
    return this.down ? Promise.reject(new Error("fetch failed")) : super.incr(key, ttlSeconds);
  }
}

Deno.test("the (limit+1)th request in a window is refused with the seconds left in the window", async () => {
  const { rl } = limiter(new MemoryCache());
  const caller = rateLimitCaller.address("203.0.113.9");
  const seen = [];
  for (let i = 0; i < 3; i++) seen.push(await rl.hit(caller));
  assert.deepEqual(seen.map((d) => [d.allowed, d.remaining]), [[true, 2], [true, 1], [true, 0]]);
  const refused = await rl.hit(caller);
  assert.equal(refused.allowed, false);
  assert.equal(refused.remaining, 0);
  assert.equal(refused.limit, 3);
  assert.equal(refused.retryAfterSeconds, 50, "the clock is 10 s into the minute");
  assert.equal((await rl.hit(caller)).allowed, false, "refusals keep counting, still refused");
});

Deno.test("a new window starts a new count; Retry-After shrinks toward the window's end", async () => {
  const { rl, clock } = limiter(new MemoryCache());
  const caller = rateLimitCaller.address("203.0.113.9");
  for (let i = 0; i < 3; i++) await rl.hit(caller);
  clock.advance(49_500);
  const late = await rl.hit(caller);
  assert.equal(late.allowed, false);
  assert.equal(late.retryAfterSeconds, 1, "half a second left rounds up, never 0");
  clock.advance(500);
  const next = await rl.hit(caller);
  assert.equal(next.allowed, true);
  assert.equal(next.remaining, 2);
  assert.equal(next.retryAfterSeconds, 60);
});

Deno.test("callers and scopes count apart", async () => {
  const cache = new MemoryCache();
  const { rl } = limiter(cache);
  const ingest = new RateLimiter(cache, {
    scope: "ingest",
    limit: 3,
    now: clock().now,
    log: logs().log,
  });
  const a = rateLimitCaller.address("203.0.113.9");
  for (let i = 0; i < 3; i++) await rl.hit(a);
  assert.equal((await rl.hit(a)).allowed, false);
  assert.equal((await rl.hit(rateLimitCaller.address("203.0.113.10"))).allowed, true);
  assert.equal((await rl.hit(await rateLimitCaller.token("secret"))).allowed, true);
  assert.equal((await ingest.hit(a)).allowed, true, "the same caller on another surface");
});

Deno.test("a limit of 0 lets everything through without touching the cache", async () => {
  const cache = new SwitchableCache();
  const { rl } = limiter(cache, { limit: 0 });
  for (let i = 0; i < 100; i++) assert.equal((await rl.hit("addr:x")).allowed, true);
  assert.equal(cache.calls, 0);
});

Deno.test("caller keys never contain the token or session id they stand for", async () => {
  const token = "tok_" + "s".repeat(40);
  const byToken = await rateLimitCaller.token(token);
  const bySession = await rateLimitCaller.session(token);
  assert.match(byToken, /^token:[0-9a-f]{32}$/);
  assert.match(bySession, /^session:[0-9a-f]{32}$/);
  assert.ok(!byToken.includes(token) && !bySession.includes(token));
  assert.equal(byToken, await rateLimitCaller.token(token), "stable, so counts add up");
});

Deno.test("when the cache fails the limiter lets requests through, logs once, and retries it later", async () => {
  const cache = new SwitchableCache();
  const { rl, clock, lines } = limiter(cache, { limit: 1, bypassAfterFailureMs: 5_000 });
  assert.equal((await rl.hit("addr:x")).allowed, true);
  assert.equal((await rl.hit("addr:x")).allowed, false);
  cache.down = true;
  for (let i = 0; i < 5; i++) assert.equal((await rl.hit("addr:x")).allowed, true);
  assert.equal(cache.calls, 3, "after one failure the cache is left alone for a while");
  const warnings = lines.filter((l) => l.event === "rate_limit_unavailable");
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].level, "warn");
  assert.match(String(warnings[0].error), /fetch failed/);
  cache.down = false;
  clock.advance(5_000);
  assert.equal((await rl.hit("addr:x")).allowed, false, "counting resumes where it was");
});

Deno.test("an unreachable Upstash fails open", async () => {
  const cache = new UpstashCache({ url: "http://127.0.0.1:1", token: "t", timeoutMs: 300 });
  const { rl, lines } = limiter(cache, { limit: 1 });
  assert.equal((await rl.hit("addr:x")).allowed, true);
  assert.equal(lines[0]?.event, "rate_limit_unavailable");
  assert.equal(lines[0]?.cache, "upstash");
});

Deno.test({
  name: "two instances on one Upstash database share each caller's count",
  ignore: skipUnless("redis-server", !!findBinary("redis-server")),
  fn: async () => {
    const redis = await startRedis();
    try {
      const shim = await startUpstashShim(redis.port, "rl-token");
      try {
        const c = clock();
        const instance = () =>
          new RateLimiter(new UpstashCache({ url: shim.url, token: shim.token }), {
            scope: "ingest",
            limit: 4,
            now: c.now,
            log: logs().log,
          });
        const [one, two] = [instance(), instance()];
        const caller = await rateLimitCaller.token("ingest-secret");
        const allowed = [];
        for (const rl of [one, two, one, two]) allowed.push((await rl.hit(caller)).allowed);
        assert.deepEqual(allowed, [true, true, true, true]);
        const fifth = await two.hit(caller);
        assert.equal(fifth.allowed, false, "the fifth, on either instance, is over 4");
        assert.equal(fifth.retryAfterSeconds, 50);
        assert.equal((await one.hit(caller)).allowed, false);
        assert.equal((await one.hit(rateLimitCaller.address("198.51.100.1"))).allowed, true);
      } finally {
        await shim.stop();
      }
    } finally {
      await redis.stop();
    }
  },
});
