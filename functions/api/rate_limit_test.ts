import assert from "node:assert/strict";
import { createSession } from "../../lib/auth/session.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";

/**
 * 20 s into the current minute, frozen, so the window cannot roll over mid-test and Retry-After is
 * known. Near real time because the store expires sessions by the wall clock.
 */
const FROZEN = Math.floor(Date.now() / 60_000) * 60_000 + 20_000;
const now = () => new Date(FROZEN);

async function withApp(fn: (app: TestApp) => Promise<void>) {
  const app = await startTestApp({ RATE_LIMIT_API_PER_MINUTE: "3" }, { now });
  try {
    await fn(app);
  } finally {
    await app.stop();
  }
}

async function status(res: Response): Promise<number> {
  await res.body?.cancel();
  return res.status;
}

Deno.test("the API token's 4th request in a minute gets 429 + Retry-After; a session is unaffected", () =>
  withApp(async (app) => {
    for (let i = 0; i < 3; i++) assert.equal(await status(await app.api("/stats")), 200);
    const limited = await app.api("/stats");
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "40");
    assert.equal((await limited.json()).error.code, "rate_limited");

    const { token } = await createSession(
      app.ctx,
      await seedAgent(app.ctx, { email: "agent@example.test" }),
    );
    const asAgent = { headers: { cookie: `it_session=${token}` } };
    for (let i = 0; i < 3; i++) {
      assert.equal(await status(await fetch(`${app.url}/functions/v1/api/stats`, asAgent)), 200);
    }
    const agentLimited = await fetch(`${app.url}/functions/v1/api/stats`, asAgent);
    assert.equal(await status(agentLimited), 429, "the session has its own count of 3");
    assert.equal(await status(await fetch(`${app.url}/functions/v1/api/health`)), 200);
  }));

Deno.test("callers without a valid credential count by address: made-up cookies and tokens share it", () =>
  withApp(async (app) => {
    const anonymous = (headers: Record<string, string>) =>
      fetch(`${app.url}/functions/v1/api/stats`, { headers });
    assert.equal(await status(await anonymous({ cookie: "it_session=made-up-1" })), 401);
    assert.equal(await status(await anonymous({ authorization: "Bearer guess" })), 401);
    assert.equal(await status(await anonymous({})), 401);
    const fourth = await anonymous({ cookie: "it_session=made-up-2" });
    assert.equal(fourth.status, 429, "a fresh cookie is not a fresh allowance");
    assert.equal(fourth.headers.get("retry-after"), "40");
    await fourth.body?.cancel();
    assert.equal(await status(await app.api("/stats")), 200, "the API token is another caller");
  }));

Deno.test("RATE_LIMIT_API_PER_MINUTE=0 turns the limit off", async () => {
  const app = await startTestApp({ RATE_LIMIT_API_PER_MINUTE: "0" }, { now });
  try {
    for (let i = 0; i < 20; i++) assert.equal(await status(await app.api("/stats")), 200);
  } finally {
    await app.stop();
  }
});
