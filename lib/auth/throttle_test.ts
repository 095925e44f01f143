import assert from "node:assert/strict";
import { LoginThrottle } from "./throttle.ts";

Deno.test("LoginThrottle blocks a key after maxFailures until the window passes", () => {
  let now = 0;
  const t = new LoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
  for (let i = 0; i < 2; i++) t.fail(["ip:1", "email:a"]);
  assert.equal(t.retryAfter(["ip:1"]), 0);
  t.fail(["ip:1", "email:a"]);
  assert.equal(t.retryAfter(["ip:1"]), 60);
  assert.equal(t.retryAfter(["ip:2", "email:a"]), 60, "the email key blocks from another IP too");
  now = 30_000;
  assert.equal(t.retryAfter(["ip:1"]), 30);
  now = 60_000;
  assert.equal(t.retryAfter(["ip:1", "email:a"]), 0);
});

Deno.test("LoginThrottle forgets failures after a success", () => {
  const t = new LoginThrottle({ maxFailures: 2, now: () => 0 });
  t.fail(["k"]);
  t.succeed(["k"]);
  t.fail(["k"]);
  assert.equal(t.retryAfter(["k"]), 0);
  t.fail(["k"]);
  assert.ok(t.retryAfter(["k"]) > 0);
});
