import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";
import { parseConfig } from "../config.ts";
import type { Config } from "../config.ts";
import type { Session } from "../store/port.ts";
import {
  clearSessionCookie,
  createSession,
  csrfValid,
  destroySession,
  SESSION_COOKIE,
  sessionCookie,
  sessionFromRequest,
  sessionToken,
} from "./session.ts";
import { seedAgent } from "../../test/support/agents.ts";

function withCookie(cookie: string): Request {
  return new Request("http://127.0.0.1/", { headers: { cookie } });
}

/** The token a browser would send back, taken from the Set-Cookie value. */
function tokenOf(setCookie: string): string {
  const m = setCookie.match(new RegExp(`^${SESSION_COOKIE}=([^;]*)`));
  assert.ok(m, setCookie);
  return decodeURIComponent(m[1]);
}

function configWith(env: Record<string, string>): Config {
  return {
    ...parseConfig({ DATA_DIR: "/nonexistent", ...env }),
    INGEST_TOKEN: "i",
    API_TOKEN: "a",
    ADMIN_PASSWORD: "p",
  };
}

Deno.test("createSession → cookie token → sessionFromRequest finds the same session", async () => {
  const app = await startTestApp();
  try {
    const { session, token } = await createSession(
      app.ctx,
      await seedAgent(app.ctx, { email: "agent@example.test" }),
    );
    assert.notEqual(session.id, token, "the store keeps a hash, not the token");
    assert.ok(session.csrf.length >= 32);
    const cookie = sessionCookie(app.ctx.config, token);
    const req = withCookie(`other=1; ${SESSION_COOKIE}=${tokenOf(cookie)}; more=2`);
    const found = await sessionFromRequest(app.ctx, req);
    assert.deepEqual(found, session);
    assert.equal(found?.email, "agent@example.test");
  } finally {
    await app.stop();
  }
});

Deno.test("sessionFromRequest: no cookie or an unknown token → null", async () => {
  const app = await startTestApp();
  try {
    await createSession(app.ctx, await seedAgent(app.ctx, { email: "agent@example.test" }));
    assert.equal(await sessionFromRequest(app.ctx, new Request("http://127.0.0.1/")), null);
    assert.equal(await sessionFromRequest(app.ctx, withCookie("other=1")), null);
    assert.equal(
      await sessionFromRequest(app.ctx, withCookie(`${SESSION_COOKIE}=not-a-real-token`)),
      null,
    );
    assert.equal(await sessionFromRequest(app.ctx, withCookie(`${SESSION_COOKIE}=`)), null);
  } finally {
    await app.stop();
  }
});

Deno.test("sessionFromRequest: an expired session → null, and it is deleted", async () => {
  // A clock decades behind the wall clock: by the real time this session expired long ago, so
  // it is found only because expiry is judged once, by sessionFromRequest with ctx.now.
  const start = Date.parse("2001-03-04T05:06:07.000Z");
  let now = new Date(start);
  const app = await startTestApp({ SESSION_TTL_HOURS: "2" }, { now: () => now });
  try {
    const { session, token } = await createSession(
      app.ctx,
      await seedAgent(app.ctx, { email: "agent@example.test" }),
    );
    assert.equal(session.expiresAt, new Date(start + 2 * 3_600_000).toISOString());
    const req = () => withCookie(`${SESSION_COOKIE}=${token}`);
    now = new Date(start + 2 * 3_600_000 - 1);
    assert.ok(await sessionFromRequest(app.ctx, req()), "still live a millisecond before");
    now = new Date(start + 2 * 3_600_000);
    assert.equal(await sessionFromRequest(app.ctx, req()), null);
    assert.equal(await app.ctx.store.getSession(session.id), null);
    now = new Date(start);
    assert.equal(
      await sessionFromRequest(app.ctx, req()),
      null,
      "gone, even if the clock goes back",
    );
  } finally {
    await app.stop();
  }
});

Deno.test("an oversized token is refused before the store is asked, even if it would match", async () => {
  const app = await startTestApp();
  try {
    const token = "a".repeat(201);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
    const id = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    const agent = await seedAgent(app.ctx, { email: "agent@example.test" });
    const session: Session = {
      id,
      email: "agent@example.test",
      csrf: "c",
      createdAt: "2026-01-01T00:00:00.000Z",
      expiresAt: "2999-01-01T00:00:00.000Z",
      agentId: agent.id,
      epoch: agent.sessionEpoch,
    };
    await app.ctx.store.createSession(session);
    assert.equal(sessionToken(withCookie(`${SESSION_COOKIE}=${token}`)), null);
    assert.equal(await sessionFromRequest(app.ctx, withCookie(`${SESSION_COOKIE}=${token}`)), null);
    // The same scheme with a token of the allowed length is found: the refusal is the size.
    const ok = "b".repeat(200);
    const okDigest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(ok));
    const okId = Array.from(new Uint8Array(okDigest), (b) => b.toString(16).padStart(2, "0"))
      .join("");
    await app.ctx.store.createSession({ ...session, id: okId });
    assert.equal(
      (await sessionFromRequest(app.ctx, withCookie(`${SESSION_COOKIE}=${ok}`)))?.id,
      okId,
    );
  } finally {
    await app.stop();
  }
});

Deno.test("destroySession removes the request's session and leaves others", async () => {
  const app = await startTestApp();
  try {
    const a = await createSession(app.ctx, await seedAgent(app.ctx, { email: "a@example.test" }));
    const b = await createSession(app.ctx, await seedAgent(app.ctx, { email: "b@example.test" }));
    const reqA = withCookie(`${SESSION_COOKIE}=${a.token}`);
    await destroySession(app.ctx, reqA);
    assert.equal(await sessionFromRequest(app.ctx, reqA), null);
    assert.equal(await app.ctx.store.getSession(a.session.id), null);
    assert.ok(await sessionFromRequest(app.ctx, withCookie(`${SESSION_COOKIE}=${b.token}`)));
    // Without a cookie it is a no-op.
    await destroySession(app.ctx, new Request("http://127.0.0.1/"));
    assert.ok(await app.ctx.store.getSession(b.session.id));
  } finally {
    await app.stop();
  }
});

Deno.test("csrfValid accepts only the session's own token", () => {
  const session: Session = {
    id: "x",
    email: "a@example.test",
    csrf: "secret-csrf-token",
    createdAt: "",
    expiresAt: "",
  };
  assert.equal(csrfValid(session, "secret-csrf-token"), true);
  assert.equal(csrfValid(session, "secret-csrf-tokeN"), false);
  assert.equal(csrfValid(session, "secret-csrf-token-longer"), false);
  assert.equal(csrfValid(session, "secret"), false);
  assert.equal(csrfValid(session, ""), false);
  assert.equal(csrfValid(session, null), false);
  assert.equal(csrfValid(session, undefined), false);
});

Deno.test("sessionCookie is HttpOnly, SameSite=Lax, Path=/, with Max-Age from the TTL", () => {
  const cookie = sessionCookie(configWith({ SESSION_TTL_HOURS: "3" }), "tok");
  const parts = cookie.split(";").map((p) => p.trim());
  assert.equal(parts[0], `${SESSION_COOKIE}=tok`);
  assert.ok(parts.includes("HttpOnly"), cookie);
  assert.ok(parts.includes("SameSite=Lax"), cookie);
  assert.ok(parts.includes("Path=/"), cookie);
  assert.ok(parts.includes("Max-Age=10800"), cookie);
  assert.ok(!parts.includes("Secure"), "no Secure without PUBLIC_URL");
});

Deno.test("sessionCookie is Secure only when PUBLIC_URL is https", () => {
  const has = (c: string) => c.split(";").map((p) => p.trim()).includes("Secure");
  assert.equal(has(sessionCookie(configWith({ PUBLIC_URL: "https://triage.example" }), "t")), true);
  assert.equal(has(sessionCookie(configWith({ PUBLIC_URL: "http://triage.example" }), "t")), false);
  assert.equal(has(clearSessionCookie(configWith({ PUBLIC_URL: "https://x.example" }))), true);
});

Deno.test("clearSessionCookie empties the cookie with Max-Age=0 on the same path", () => {
  const parts = clearSessionCookie(configWith({})).split(";").map((p) => p.trim());
  assert.equal(parts[0], `${SESSION_COOKIE}=`);
  assert.ok(parts.includes("Max-Age=0"));
  assert.ok(parts.includes("Path=/"));
  assert.ok(parts.includes("HttpOnly"));
});
