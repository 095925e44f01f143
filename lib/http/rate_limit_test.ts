import assert from "node:assert/strict";
import { Hono } from "hono";
import { MemoryCache } from "../cache/memory.ts";
import { createLogger } from "../log.ts";
import { rateLimitCaller, RateLimiter } from "../rate_limit.ts";
import { errorHandler } from "./error_middleware.ts";
import { clientAddress, rateLimit } from "./rate_limit.ts";

const peer = (hostname: string) => ({ remoteAddr: { transport: "tcp", hostname, port: 50000 } });
const forwarded = (value: string) =>
  new Request("http://x/", { headers: { "x-forwarded-for": value } });

Deno.test("the client address is the TCP peer; X-Forwarded-For is ignored unless a proxy is trusted", () => {
  const req = forwarded("198.51.100.7");
  assert.equal(clientAddress(req, peer("203.0.113.1"), false), "203.0.113.1");
  assert.equal(clientAddress(new Request("http://x/"), peer("::1"), false), "::1");
  assert.equal(clientAddress(req, undefined, false), "unknown", "no server info, no guess");
});

Deno.test("behind a trusted proxy the address is the last X-Forwarded-For entry (the proxy's own)", () => {
  const spoofed = forwarded("6.6.6.6, 198.51.100.7");
  assert.equal(clientAddress(spoofed, peer("10.0.0.2"), true), "198.51.100.7");
  assert.equal(clientAddress(forwarded(" 198.51.100.7 ,"), peer("10.0.0.2"), true), "198.51.100.7");
  assert.equal(clientAddress(new Request("http://x/"), peer("10.0.0.2"), true), "10.0.0.2");
  assert.equal(clientAddress(forwarded("x".repeat(65)), peer("10.0.0.2"), true), "10.0.0.2");
});

/** A tiny app limited to `limit` requests a minute per client address, with the real error JSON. */
function limitedApp(limit: number, trustProxy = false) {
  const now = () => new Date(Date.UTC(2026, 8, 7, 10, 0, 15));
  const log = createLogger("error", () => {});
  const limiter = new RateLimiter(new MemoryCache(), { scope: "api", limit, now, log });
  const app = new Hono();
  app.onError(errorHandler(log));
  app.use(
    "*",
    rateLimit(
      limiter,
      (c) => rateLimitCaller.address(clientAddress(c.req.raw, c.env, trustProxy)),
    ),
  );
  app.get("/", (c) => c.json({ ok: true }));
  return app;
}

Deno.test("over the limit the middleware answers 429 with Retry-After and the usual error JSON", async () => {
  const app = limitedApp(2);
  for (let i = 0; i < 2; i++) {
    assert.equal((await app.request("/", {}, peer("203.0.113.1"))).status, 200);
  }
  const res = await app.request("/", {}, peer("203.0.113.1"));
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("retry-after"), "45");
  const body = await res.json();
  assert.equal(body.error.code, "rate_limited");
  assert.match(body.error.message, /2 a minute.*45 s/);
  assert.equal((await app.request("/", {}, peer("203.0.113.2"))).status, 200, "another client");
});

Deno.test("a client cannot dodge the limit with X-Forwarded-For unless the proxy is trusted", async () => {
  const direct = limitedApp(1);
  const spoof = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
  assert.equal((await direct.request("/", spoof("1.1.1.1"), peer("203.0.113.1"))).status, 200);
  assert.equal((await direct.request("/", spoof("2.2.2.2"), peer("203.0.113.1"))).status, 429);

  const proxied = limitedApp(1, true);
  assert.equal((await proxied.request("/", spoof("1.1.1.1"), peer("10.0.0.2"))).status, 200);
  assert.equal((await proxied.request("/", spoof("2.2.2.2"), peer("10.0.0.2"))).status, 200);
  assert.equal((await proxied.request("/", spoof("1.1.1.1"), peer("10.0.0.2"))).status, 429);
});
