import assert from "node:assert/strict";
import { AuthService } from "./service.ts";
import { LoginThrottle } from "./throttle.ts";
import { csrfValid, sessionFromRequest } from "./session.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";

function withCookie(token: string): Request {
  return new Request("http://127.0.0.1/", { headers: { cookie: `it_session=${token}` } });
}

Deno.test("login with the configured account stores a session the cookie finds again", async () => {
  const t = await testContext();
  try {
    const auth = await AuthService.create(t.ctx);
    const result = await auth.login(" Agent@Example.com ", "correct horse battery", "1.2.3.4");
    assert.ok(result.ok);
    const session = await sessionFromRequest(t.ctx, withCookie(result.token));
    assert.equal(session?.email, "agent@example.com");
    assert.notEqual(session?.id, result.token, "the store keeps a hash, not the token");
    assert.ok(csrfValid(session!, result.session.csrf));
    assert.ok(!csrfValid(session!, result.session.csrf + "x"));
    assert.ok(!csrfValid(session!, null));
    assert.equal(await sessionFromRequest(t.ctx, withCookie("forged")), null);
  } finally {
    await t.close();
  }
});

Deno.test("wrong email and wrong password fail the same way and throttle after five", async () => {
  const t = await testContext();
  try {
    const auth = await AuthService.create(t.ctx, new LoginThrottle({ maxFailures: 5 }));
    const a = await auth.login("agent@example.com", "nope", "9.9.9.9");
    const b = await auth.login("other@example.com", "correct horse battery", "9.9.9.9");
    assert.deepEqual(a, { ok: false, reason: "invalid", retryAfter: 0 });
    assert.deepEqual(b, a);
    for (let i = 0; i < 3; i++) await auth.login("agent@example.com", "nope", "9.9.9.9");
    const blocked = await auth.login("agent@example.com", "correct horse battery", "9.9.9.9");
    assert.equal(blocked.ok, false);
    assert.equal(!blocked.ok && blocked.reason, "throttled");
  } finally {
    await t.close();
  }
});

Deno.test("an expired session is refused and removed", async () => {
  // The store also checks expiry against the real clock, so stay near it.
  const start = Date.now();
  let now = new Date(start);
  const t = await testContext({ SESSION_TTL_HOURS: "1" });
  t.ctx.now = () => now;
  try {
    const auth = await AuthService.create(t.ctx);
    const result = await auth.login("agent@example.com", "correct horse battery", "1.1.1.1");
    assert.ok(result.ok);
    now = new Date(start + 59 * 60_000);
    assert.ok(await sessionFromRequest(t.ctx, withCookie(result.token)));
    now = new Date(start + 60 * 60_000 + 1000);
    assert.equal(await sessionFromRequest(t.ctx, withCookie(result.token)), null);
  } finally {
    await t.close();
  }
});

Deno.test("a stranger's failures lock their address out of the account, not the owner elsewhere", async () => {
  let now = new Date("2026-05-01T10:00:00.000Z");
  const t = await testContext();
  t.ctx.now = () => now;
  try {
    const auth = await AuthService.create(t.ctx);
    for (let i = 0; i < 5; i++) {
      const r = await auth.login("agent@example.com", `guess ${i}`, "6.6.6.6");
      assert.equal(!r.ok && r.reason, "invalid");
    }
    const stranger = await auth.login("agent@example.com", "correct horse battery", "6.6.6.6");
    assert.equal(!stranger.ok && stranger.reason, "throttled", "even the right password");
    assert.equal(!stranger.ok && stranger.retryAfter, 15 * 60);
    const owner = await auth.login("agent@example.com", "correct horse battery", "10.0.0.7");
    assert.ok(owner.ok, "the owner from their own address logs in");
    now = new Date(now.getTime() + 10 * 60_000);
    const later = await auth.login("agent@example.com", "x", "6.6.6.6");
    assert.equal(!later.ok && later.retryAfter, 5 * 60, "the window runs on ctx.now");
    now = new Date(now.getTime() + 5 * 60_000);
    assert.ok((await auth.login("agent@example.com", "correct horse battery", "6.6.6.6")).ok);
  } finally {
    await t.close();
  }
});
