import assert from "node:assert/strict";
import Anthropic from "@anthropic-ai/sdk";
import { retryable, retryAfterMs, withCappedRetry } from "./retry.ts";

const apiError = (status: number, headers: Record<string, string> = {}) =>
  Anthropic.APIError.generate(status, { type: "error" }, "x", new Headers(headers));

Deno.test("retryAfterMs reads retry-after-ms, seconds and HTTP dates", () => {
  assert.equal(retryAfterMs(new Headers({ "retry-after-ms": "250" })), 250);
  assert.equal(retryAfterMs(new Headers({ "retry-after": "2" })), 2000);
  const now = Date.parse("2026-03-05T10:00:00Z");
  assert.equal(
    retryAfterMs(new Headers({ "retry-after": "Thu, 05 Mar 2026 10:00:03 GMT" }), now),
    3000,
  );
  assert.equal(retryAfterMs(new Headers({ "retry-after": "soon" })), undefined);
  assert.equal(retryAfterMs(undefined), undefined);
});

Deno.test("429, 529 and 5xx are retryable; 400, 401 and timeouts are not", () => {
  assert.deepEqual(retryable(apiError(429, { "retry-after": "1" })), { retryAfterMs: 1000 });
  assert.deepEqual(retryable(apiError(529)), { retryAfterMs: undefined });
  assert.ok(retryable(apiError(503)));
  assert.equal(retryable(apiError(400)), null);
  assert.equal(retryable(apiError(401)), null);
  assert.equal(retryable(new Anthropic.APIConnectionTimeoutError()), null);
  assert.deepEqual(retryable(new Anthropic.APIConnectionError({ message: "reset" })), {});
  assert.equal(retryable(new Error("other")), null);
});

Deno.test("withCappedRetry waits as told, backs off without a header, and stops at the limit", async () => {
  const waits: number[] = [];
  const sleep = (ms: number) => (waits.push(ms), Promise.resolve());
  const errors = [apiError(429, { "retry-after": "3" }), apiError(529)];
  let calls = 0;
  const value = await withCappedRetry(() => {
    calls++;
    const err = errors.shift();
    return err ? Promise.reject(err) : Promise.resolve("ok");
  }, { maxRetries: 2, maxWaitMs: 5000, sleep });
  assert.equal(value, "ok");
  assert.equal(calls, 3);
  assert.deepEqual(waits, [3000, 1000]);

  calls = 0;
  await assert.rejects(() =>
    withCappedRetry(() => {
      calls++;
      return Promise.reject(apiError(500));
    }, { maxRetries: 2, maxWaitMs: 5000, sleep })
  );
  assert.equal(calls, 3);
});

Deno.test("withCappedRetry gives up at once when the server asks for more than the cap", async () => {
  const waits: number[] = [];
  let calls = 0;
  await assert.rejects(() =>
    withCappedRetry(() => {
      calls++;
      return Promise.reject(apiError(429, { "retry-after": "60" }));
    }, { maxRetries: 5, maxWaitMs: 10_000, sleep: (ms) => (waits.push(ms), Promise.resolve()) })
  );
  assert.equal(calls, 1);
  assert.deepEqual(waits, []);
});
