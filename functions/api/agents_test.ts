import assert from "node:assert/strict";
import { sampleEmail, withTestApp } from "../../test/support/app.ts";
import { createSession, SESSION_COOKIE, sessionFromRequest } from "../../lib/auth/session.ts";
import { seedAgent } from "../../test/support/agents.ts";

const json = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Every key of every agent in an answer: none may be a secret. */
function assertNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  assert.ok(!text.includes("passwordHash"), text);
  assert.ok(!text.includes("pbkdf2"), text);
  assert.ok(!text.includes("sessionEpoch"), text);
}

Deno.test("API token: list, add and change agents; answers never carry password hashes", () =>
  withTestApp(async (app) => {
    const list = await app.api("/agents");
    assert.equal(list.status, 200);
    const { items } = await list.json();
    assert.equal(items.length, 1, "the first admin");
    assert.equal(items[0].role, "admin");
    assertNoSecrets(items);

    const created = await app.api(
      "/agents",
      json({ email: "Bea@Example.test", name: "Bea", password: "bea's password", team: "returns" }),
    );
    assert.equal(created.status, 201);
    const bea = await created.json();
    assert.equal(bea.email, "bea@example.test");
    assert.equal(bea.role, "agent");
    assert.equal(bea.active, true);
    assertNoSecrets(bea);

    const taken = await app.api(
      "/agents",
      json({ email: "bea@example.test", name: "Other", password: "0123456789" }),
    );
    assert.equal(taken.status, 409);
    await taken.body?.cancel();

    const patched = await app.api(
      `/agents/${bea.id}`,
      json({ name: "Bea B", active: false }, "PATCH"),
    );
    assert.equal(patched.status, 200);
    const after = await patched.json();
    assert.equal(after.name, "Bea B");
    assert.equal(after.active, false);
    assertNoSecrets(after);

    const all = await (await app.api("/agents")).json();
    assertNoSecrets(all);
    assert.equal(all.items.length, 2);
  }));

Deno.test("API: bad agent input is 422, unknown agent 404, a hash cannot be set", () =>
  withTestApp(async (app) => {
    for (
      const body of [
        { email: "not-an-email", name: "X", password: "0123456789" },
        { email: "x@example.test", name: "X", password: "short" },
        { email: "x@example.test", name: "X", password: "0123456789", role: "root" },
        { email: "x@example.test", name: "X", password: "0123456789", passwordHash: "h" },
      ]
    ) {
      const res = await app.api("/agents", json(body));
      assert.equal(res.status, 422, JSON.stringify(body));
      await res.body?.cancel();
    }
    const missing = await app.api("/agents/nobody", json({ name: "x" }, "PATCH"));
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
    const admin = (await (await app.api("/agents")).json()).items[0];
    const hash = await app.api(`/agents/${admin.id}`, json({ sessionEpoch: 0 }, "PATCH"));
    assert.equal(hash.status, 422);
    await hash.body?.cancel();
    const last = await app.api(`/agents/${admin.id}`, json({ role: "agent" }, "PATCH"));
    assert.equal(last.status, 409, "the last admin stays an admin");
    await last.body?.cancel();
  }));

Deno.test("API: an agent session may list agents but not change them; an admin session may", () =>
  withTestApp(async (app) => {
    const bea = await seedAgent(app.ctx, { email: "bea@example.test", role: "agent" });
    const beaSession = await createSession(app.ctx, bea);
    const asBea = (init: RequestInit = {}) => ({
      ...init,
      headers: {
        ...(init.headers as Record<string, string> ?? {}),
        cookie: `${SESSION_COOKIE}=${beaSession.token}`,
        "x-csrf-token": beaSession.session.csrf,
      },
    });
    const url = `${app.url}/functions/v1/api/agents`;
    const list = await fetch(url, asBea());
    assert.equal(list.status, 200);
    assertNoSecrets(await list.json());
    const add = await fetch(
      url,
      asBea(json({ email: "c@example.test", name: "C", password: "0123456789" })),
    );
    assert.equal(add.status, 403);
    await add.body?.cancel();
    const promote = await fetch(`${url}/${bea.id}`, asBea(json({ role: "admin" }, "PATCH")));
    assert.equal(promote.status, 403);
    await promote.body?.cancel();
    assert.equal((await app.ctx.store.getAgent(bea.id))?.role, "agent");

    const boss = await seedAgent(app.ctx, { email: "boss@example.test", role: "admin" });
    const bossSession = await createSession(app.ctx, boss);
    const reset = await fetch(`${url}/${bea.id}`, {
      ...json({ password: "reset via the api" }, "PATCH"),
      headers: {
        "content-type": "application/json",
        cookie: `${SESSION_COOKIE}=${bossSession.token}`,
        "x-csrf-token": bossSession.session.csrf,
      },
    });
    assert.equal(reset.status, 200);
    await reset.body?.cancel();
    const beaReq = new Request(url, {
      headers: { cookie: `${SESSION_COOKIE}=${beaSession.token}` },
    });
    assert.equal(await sessionFromRequest(app.ctx, beaReq), null, "the reset ended Bea's session");
    const after = await fetch(url, asBea());
    assert.equal(after.status, 401);
    await after.body?.cancel();
  }));

Deno.test("PATCH /complaints/:id: the assignee must be an active agent's email (422 otherwise)", () =>
  withTestApp(async (app) => {
    const { id } = await (await app.ingest(sampleEmail())).json();
    const ann = await seedAgent(app.ctx, { email: "ann@example.test", role: "agent" });
    const patch = (assignee: string | null) =>
      app.api(`/complaints/${id}`, json({ assignee }, "PATCH"));
    for (const bad of ["ann", "stranger@example.test"]) {
      const res = await patch(bad);
      assert.equal(res.status, 422, bad);
      assert.equal((await res.json()).error.code, "unknown_assignee");
    }
    const ok = await patch("Ann@Example.test");
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).assignee, "ann@example.test");
    const mine = await (await app.api("/complaints?assignee=ann@example.test")).json();
    assert.equal(mine.total, 1);
    assert.equal((await (await app.api("/complaints?unassigned=true")).json()).total, 0);
    await app.ctx.store.updateAgent(ann.id, { active: false });
    const inactive = await patch("ann@example.test");
    assert.equal(inactive.status, 422, "a deactivated agent is not assignable");
    await inactive.body?.cancel();
    const cleared = await patch(null);
    assert.equal((await cleared.json()).assignee, null);
    assert.equal((await (await app.api("/complaints?unassigned=true")).json()).total, 1);
  }));
