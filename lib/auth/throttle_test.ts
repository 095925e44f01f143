import assert from "node:assert/strict";
import { ADDRESS_MAX_FAILURES, loginLimit, LoginThrottle, loginThrottleKeys } from "./throttle.ts";

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

Deno.test("login keys: failures from one address lock that address+account, not the account elsewhere", () => {
  let now = 0;
  const t = new LoginThrottle({ maxFailures: 5, now: () => now, limitFor: loginLimit });
  const stranger = loginThrottleKeys("Admin@example.test", "6.6.6.6");
  for (let i = 0; i < 5; i++) t.fail(stranger);
  assert.ok(t.retryAfter(stranger) > 0, "the stranger's address is locked out of the account");
  assert.equal(
    t.retryAfter(loginThrottleKeys("admin@example.test", "10.0.0.1")),
    0,
    "the owner from their own address is not",
  );
  assert.equal(
    t.retryAfter(loginThrottleKeys("other@example.test", "6.6.6.6")),
    0,
    "five failures on one account do not lock the address from every account",
  );
  now = 15 * 60_000;
  assert.equal(t.retryAfter(stranger), 0, "the window passes");
});

Deno.test("login keys: one address spraying many accounts is locked after ADDRESS_MAX_FAILURES", () => {
  const t = new LoginThrottle({ maxFailures: 5, now: () => 0, limitFor: loginLimit });
  for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
    t.fail(loginThrottleKeys(`user${i}@example.test`, "6.6.6.6"));
  }
  assert.ok(t.retryAfter(loginThrottleKeys("fresh@example.test", "6.6.6.6")) > 0);
  assert.equal(t.retryAfter(loginThrottleKeys("fresh@example.test", "7.7.7.7")), 0);
});
