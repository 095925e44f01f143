import assert from "node:assert/strict";
import { Browser, startServer, type TestServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

const HOSTILE = new URL("../../../shared/hostile/", import.meta.url);

/** A few markup-bearing lines from the shared hostile lists (names up to 100 characters). */
async function hostileNames(): Promise<string[]> {
  const text = await Deno.readTextFile(new URL("payloadbox-xss/xss-payload-list.txt", HOSTILE));
  return text.split("\n").map((l) => l.trim()).filter((l) => l.includes("<") && l.length <= 100)
    .slice(0, 4);
}

async function withServer(fn: (s: TestServer, admin: Browser) => Promise<void>): Promise<void> {
  const s = await startServer();
  try {
    const admin = new Browser(s.base);
    const login = await admin.login();
    assert.equal(login.status, 303);
    await login.body?.cancel();
    await fn(s, admin);
  } finally {
    await s.close();
  }
}

async function csrfOf(b: Browser, path: string): Promise<string> {
  const html = await b.text(path);
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  assert.ok(m, `no csrf on ${path}`);
  return m[1];
}

/** Status of a page without following redirects; 303 to /login means logged out. */
async function statusOf(b: Browser, path: string): Promise<number> {
  const res = await b.fetch(path);
  await res.body?.cancel();
  return res.status;
}

async function addAgent(admin: Browser, fields: Record<string, string>): Promise<Response> {
  const csrf = await csrfOf(admin, "/agents");
  return await admin.form("/agents", { _csrf: csrf, _action: "create", ...fields });
}

async function agentId(s: TestServer, email: string): Promise<string> {
  const agent = await s.ctx.store.getAgentByEmail(email);
  assert.ok(agent, email);
  return agent.id;
}

Deno.test("an admin adds an agent on /agents; hostile names render as inert text", () =>
  withServer(async (s, admin) => {
    const names = await hostileNames();
    assert.ok(names.length > 0);
    for (const [i, name] of names.entries()) {
      const res = await addAgent(admin, {
        email: `h${i}@example.test`,
        name,
        role: "agent",
        team: name.slice(0, 50),
        password: "a long enough password",
      });
      assert.equal(res.status, 200, name);
      await res.body?.cancel();
    }
    const html = await admin.text("/agents");
    for (const name of names) {
      assert.ok(!html.includes(name), `raw markup in the page: ${name}`);
      const escaped = name.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
      assert.ok(html.includes(escaped.replaceAll('"', "&quot;")) || html.includes(escaped), name);
    }
    assert.ok(!/<script>/i.test(html.replace(/<script[^>]*src=/gi, "")), "no injected script tag");
    assert.ok(html.includes('href="/agents"'), "the admin's nav links to Agents");
    const stored = await s.ctx.store.getAgentByEmail("h0@example.test");
    assert.equal(stored?.name, names[0].trim(), "stored as given, only rendered escaped");
  }));

Deno.test("/agents refuses bad input with a message, and is for admins only", () =>
  withServer(async (s, admin) => {
    const short = await addAgent(admin, {
      email: "b@example.test",
      name: "Bea",
      password: "short",
    });
    assert.equal(short.status, 422);
    assert.match(await short.text(), /password/);
    const ok = await addAgent(admin, {
      email: "B@Example.test",
      name: "Bea",
      role: "agent",
      password: "bea's first password",
    });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /Added b@example\.test/);
    const taken = await addAgent(admin, {
      email: "b@example.test",
      name: "X",
      password: "0123456789",
    });
    assert.equal(taken.status, 409);
    await taken.body?.cancel();

    const bea = new Browser(s.base);
    assert.equal((await bea.login("b@example.test", "bea's first password")).status, 303);
    assert.equal(await statusOf(bea, "/agents"), 403);
    const home = await bea.text("/");
    assert.ok(!home.includes('href="/agents"'), "no Agents link for an agent");
    assert.ok(home.includes('href="/account"'));
    const csrf = await csrfOf(bea, "/account");
    const forbidden = await bea.form("/agents", {
      _csrf: csrf,
      _action: "create",
      email: "c@example.test",
      name: "C",
      password: "0123456789",
    });
    assert.equal(forbidden.status, 403);
    await forbidden.body?.cancel();
    assert.equal(await s.ctx.store.getAgentByEmail("c@example.test"), null);

    const noToken = await admin.form("/agents", { _action: "create", email: "d@example.test" });
    assert.equal(noToken.status, 403, "CSRF token required");
    await noToken.body?.cancel();
  }));

Deno.test("a password reset by an admin logs the agent out of an open session", () =>
  withServer(async (s, admin) => {
    await (await addAgent(admin, {
      email: "b@example.test",
      name: "Bea",
      password: "bea's first password",
    })).body?.cancel();
    const bea = new Browser(s.base);
    await (await bea.login("b@example.test", "bea's first password")).body?.cancel();
    assert.equal(await statusOf(bea, "/"), 200);
    const csrf = await csrfOf(admin, "/agents");
    const reset = await admin.form("/agents", {
      _csrf: csrf,
      _action: "reset",
      id: await agentId(s, "b@example.test"),
      password: "set by the admin",
    });
    assert.equal(reset.status, 200);
    await reset.body?.cancel();
    assert.equal(await statusOf(bea, "/"), 303, "the open session ended");
    assert.equal((await bea.login("b@example.test", "bea's first password")).status, 401);
    assert.equal((await bea.login("b@example.test", "set by the admin")).status, 303);
    assert.equal(await statusOf(admin, "/"), 200, "the admin's own session is untouched");
  }));

Deno.test("deactivating an agent ends their session and refuses their login; reactivating allows it", () =>
  withServer(async (s, admin) => {
    await (await addAgent(admin, {
      email: "b@example.test",
      name: "Bea",
      password: "bea's first password",
    })).body?.cancel();
    const bea = new Browser(s.base);
    await (await bea.login("b@example.test", "bea's first password")).body?.cancel();
    const id = await agentId(s, "b@example.test");
    const off = await admin.form("/agents", {
      _csrf: await csrfOf(admin, "/agents"),
      _action: "deactivate",
      id,
    });
    assert.match(await off.text(), /deactivated/);
    assert.equal(await statusOf(bea, "/"), 303);
    const refused = await bea.login("b@example.test", "bea's first password");
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /deactivated/);
    await (await admin.form("/agents", {
      _csrf: await csrfOf(admin, "/agents"),
      _action: "reactivate",
      id,
    })).body?.cancel();
    assert.equal((await bea.login("b@example.test", "bea's first password")).status, 303);
  }));

Deno.test("/account: changing one's password and log out everywhere end only the other sessions", () =>
  withServer(async (s, admin) => {
    const other = new Browser(s.base);
    await (await other.login()).body?.cancel();
    const wrong = await admin.form("/account", {
      _csrf: await csrfOf(admin, "/account"),
      _action: "password",
      current: "not it",
      password: "my new passphrase",
      confirm: "my new passphrase",
    });
    assert.equal(wrong.status, 422);
    await wrong.body?.cancel();
    assert.equal(await statusOf(other, "/"), 200, "nothing changed");
    const changed = await admin.form("/account", {
      _csrf: await csrfOf(admin, "/account"),
      _action: "password",
      current: "correct horse battery",
      password: "my new passphrase",
      confirm: "my new passphrase",
    });
    assert.equal(changed.status, 200);
    assert.match(await changed.text(), /Password changed/);
    assert.equal(await statusOf(admin, "/"), 200, "this session stays");
    assert.equal(await statusOf(other, "/"), 303, "the other one ended");

    await (await other.login("agent@example.com", "my new passphrase")).body?.cancel();
    assert.equal(await statusOf(other, "/"), 200);
    const everywhere = await admin.form("/account", {
      _csrf: await csrfOf(admin, "/account"),
      _action: "logout_everywhere",
    });
    assert.equal(everywhere.status, 200);
    await everywhere.body?.cancel();
    assert.equal(await statusOf(admin, "/"), 200);
    assert.equal(await statusOf(other, "/"), 303);
  }));

Deno.test("a throttled login page answers 429 with Retry-After", async () => {
  const s = await startServer();
  try {
    const stranger = new Browser(s.base);
    for (let i = 0; i < 5; i++) {
      const r = await stranger.login("agent@example.com", `guess ${i}`);
      assert.equal(r.status, 401);
      await r.body?.cancel();
    }
    const blocked = await stranger.login();
    assert.equal(blocked.status, 429);
    // What is left of the 15 minutes from the first failure: the five guesses (each a password
    // hash) can take over a second on a busy machine.
    const wait = Number(blocked.headers.get("retry-after"));
    assert.ok(wait > 840 && wait <= 900, `Retry-After ${wait}`);
    assert.match(await blocked.text(), /Too many failed attempts/);
    // Every page client here comes from 127.0.0.1: the owner logging in from another address
    // is proven in lib/auth/service_test.ts.
  } finally {
    await s.close();
  }
});

Deno.test("Take it on the detail page assigns the agent by name; list filters mine and unassigned", () =>
  withServer(async (s, admin) => {
    const [hostile] = await hostileNames();
    await (await addAgent(admin, {
      email: "b@example.test",
      name: hostile,
      role: "agent",
      password: "bea's first password",
    })).body?.cancel();
    const c = await seedComplaint(s.ctx, { subject: "Parcel lost", status: "new" });
    const other = await seedComplaint(s.ctx, { subject: "Other one", status: "new" });
    const bea = new Browser(s.base);
    await (await bea.login("b@example.test", "bea's first password")).body?.cancel();

    const before = await bea.text(`/complaints/${c.id}`);
    assert.match(before, /Unassigned/);
    assert.match(before, />Take it</);
    assert.ok(before.includes('value="b@example.test"'), "the picker lists active agents");
    const csrf = before.match(/name="_csrf" value="([^"]+)"/)![1];

    const forged = await bea.form(`/complaints/${c.id}`, { _csrf: "nope" });
    assert.equal(forged.status, 403);
    await forged.body?.cancel();
    const take = await bea.form(`/complaints/${c.id}`, { _csrf: csrf });
    assert.equal(take.status, 303);
    assert.equal(take.headers.get("location"), `/complaints/${c.id}`);
    await take.body?.cancel();

    const stored = await s.ctx.store.getComplaint(c.id);
    assert.equal(stored?.assignee, "b@example.test");
    assert.equal(stored?.status, "in_progress");
    assert.equal(stored?.history.at(-1)?.actor, "b@example.test");

    const after = await bea.text(`/complaints/${c.id}`);
    assert.ok(!after.includes(hostile), "the agent's name is inert text");
    assert.ok(after.includes("Assigned to <strong>"), "shown by name");
    assert.ok(!after.includes(">Take it<"), "no Take it for one's own complaint");
    // Another agent may still take it over.
    assert.match(await admin.text(`/complaints/${c.id}`), />Take it</);

    const mine = await bea.text("/complaints?assignee=b%40example.test");
    assert.ok(mine.includes("Parcel lost") && !mine.includes("Other one"));
    assert.match(mine, /aria-current="page" data-view="mine">Mine</);
    const unassigned = await bea.text("/complaints?unassigned=true");
    assert.ok(unassigned.includes("Other one") && !unassigned.includes("Parcel lost"));
    assert.match(unassigned, /name="unassigned" value="true"/, "the filter form keeps it");
    void other;

    const missing = await bea.form("/complaints/nope", { _csrf: csrf });
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  }));

Deno.test("My team lists the complaints routed to the agent's team; no link without a team", () =>
  withServer(async (s, admin) => {
    await (await addAgent(admin, {
      email: "b@example.test",
      name: "Bea",
      team: "logistics",
      password: "bea's first password",
    })).body?.cancel();
    await seedComplaint(s.ctx, { subject: "Courier lost it", team: "logistics" });
    await seedComplaint(s.ctx, { subject: "Charged twice", team: "billing" });
    const bea = new Browser(s.base);
    await (await bea.login("b@example.test", "bea's first password")).body?.cancel();
    const list = await bea.text("/complaints");
    assert.ok(list.includes('href="/complaints?team=logistics"'));
    const team = await bea.text("/complaints?team=logistics");
    assert.ok(team.includes("Courier lost it") && !team.includes("Charged twice"));
    assert.match(team, /aria-current="page"[^>]*>\s*My team/);
    assert.ok(!(await admin.text("/complaints")).includes(">My team<"), "the admin has no team");
  }));
