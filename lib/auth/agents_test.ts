import assert from "node:assert/strict";
import {
  addAgent,
  changeOwnPassword,
  editAgent,
  ensureFirstAdmin,
  isAdmin,
  listAgentViews,
  logoutEverywhere,
} from "./agents.ts";
import { createSession, SESSION_COOKIE, sessionFromRequest } from "./session.ts";
import { AuthService } from "./service.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";
import { seedAgent, TEST_ITERATIONS } from "../../test/support/agents.ts";
import { ConflictError, InvalidError, NotFoundError } from "../errors.ts";
import type { App } from "../context.ts";
import { MongoStore } from "../store/mongo.ts";
import { parseConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { startFerret } from "../../test/harness/ferretdb.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";

function withCookie(token: string): Request {
  return new Request("http://h/", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
}

async function withCtx(fn: (ctx: App) => Promise<void>): Promise<void> {
  const t = await testContext();
  try {
    await fn(t.ctx);
  } finally {
    await t.close();
  }
}

Deno.test("the first admin is created once from ADMIN_EMAIL, also when two starts race", () =>
  withCtx(async (ctx) => {
    const results = await Promise.all([
      ensureFirstAdmin(ctx, TEST_ITERATIONS),
      ensureFirstAdmin(ctx, TEST_ITERATIONS),
      ensureFirstAdmin(ctx, TEST_ITERATIONS),
    ]);
    assert.equal(new Set(results.map((a) => a.id)).size, 1);
    const agents = await ctx.store.listAgents();
    assert.equal(agents.length, 1);
    assert.equal(agents[0].email, "agent@example.com");
    assert.equal(agents[0].role, "admin");
    assert.ok(!("passwordHash" in (await listAgentViews(ctx))[0]), "views carry no hash");
  }));

Deno.test("a password changed in the app survives the next start with the old variable", () =>
  withCtx(async (ctx) => {
    const auth = await AuthService.create(ctx);
    const login = await auth.login("agent@example.com", "correct horse battery", "1.1.1.1");
    assert.ok(login.ok);
    await changeOwnPassword(
      ctx,
      login.session,
      "correct horse battery",
      "a brand new passphrase",
      TEST_ITERATIONS,
    );
    const restarted = await AuthService.create(ctx); // ADMIN_PASSWORD is still the old one
    assert.equal(
      (await restarted.login("agent@example.com", "correct horse battery", "2.2.2.2")).ok,
      false,
    );
    assert.ok((await restarted.login("agent@example.com", "a brand new passphrase", "2.2.2.2")).ok);
  }));

Deno.test("changing one's own password ends the other sessions at once and keeps this one", () =>
  withCtx(async (ctx) => {
    const auth = await AuthService.create(ctx);
    const here = await auth.login("agent@example.com", "correct horse battery", "1.1.1.1");
    const there = await auth.login("agent@example.com", "correct horse battery", "2.2.2.2");
    assert.ok(here.ok && there.ok);
    await assert.rejects(
      changeOwnPassword(ctx, here.session, "wrong", "another passphrase", TEST_ITERATIONS),
      (e) => e instanceof InvalidError && e.code === "wrong_password",
    );
    assert.ok(
      await sessionFromRequest(ctx, withCookie(there.token)),
      "a wrong current password changes nothing",
    );
    await changeOwnPassword(
      ctx,
      here.session,
      "correct horse battery",
      "another passphrase",
      TEST_ITERATIONS,
    );
    assert.ok(await sessionFromRequest(ctx, withCookie(here.token)), "the asking session stays");
    assert.equal(
      await sessionFromRequest(ctx, withCookie(there.token)),
      null,
      "the other one ends",
    );
  }));

Deno.test("log out everywhere ends the agent's other sessions, not other agents'", () =>
  withCtx(async (ctx) => {
    const b = await seedAgent(ctx, { email: "b@example.test", role: "agent" });
    const mine1 = await createSession(ctx, b);
    const mine2 = await createSession(ctx, b);
    const admin = await createSession(
      ctx,
      await ctx.store.getAgentByEmail("agent@example.com") ??
        await ensureFirstAdmin(ctx, TEST_ITERATIONS),
    );
    await logoutEverywhere(ctx, mine1.session);
    assert.ok(await sessionFromRequest(ctx, withCookie(mine1.token)));
    assert.equal(await sessionFromRequest(ctx, withCookie(mine2.token)), null);
    assert.ok(await sessionFromRequest(ctx, withCookie(admin.token)));
  }));

Deno.test("an admin's password reset and a deactivation end every session of that agent", () =>
  withCtx(async (ctx) => {
    const b = await seedAgent(ctx, { email: "b@example.test", role: "agent" });
    const s1 = await createSession(ctx, b);
    await editAgent(ctx, b.id, { name: "Bea" }, TEST_ITERATIONS);
    const renamed = await sessionFromRequest(ctx, withCookie(s1.token));
    assert.equal(renamed?.agent.name, "Bea", "a rename keeps the session and shows at once");
    await editAgent(ctx, b.id, { password: "reset by admin 1" }, TEST_ITERATIONS);
    assert.equal(await sessionFromRequest(ctx, withCookie(s1.token)), null);

    const auth = await AuthService.create(ctx);
    const s2 = await auth.login("b@example.test", "reset by admin 1", "3.3.3.3");
    assert.ok(s2.ok);
    await editAgent(ctx, b.id, { active: false }, TEST_ITERATIONS);
    assert.equal(await sessionFromRequest(ctx, withCookie(s2.token)), null);
    const refused = await auth.login("b@example.test", "reset by admin 1", "3.3.3.3");
    assert.deepEqual(refused, { ok: false, reason: "inactive", retryAfter: 0 });
    await editAgent(ctx, b.id, { active: true }, TEST_ITERATIONS);
    assert.equal(
      await sessionFromRequest(ctx, withCookie(s2.token)),
      null,
      "reactivation revives nothing",
    );
    assert.ok((await auth.login("b@example.test", "reset by admin 1", "3.3.3.3")).ok);
  }));

Deno.test("a role change takes effect on the next request of a live session", () =>
  withCtx(async (ctx) => {
    await ensureFirstAdmin(ctx, TEST_ITERATIONS);
    const b = await seedAgent(ctx, { email: "b@example.test", role: "admin" });
    const s = await createSession(ctx, b);
    assert.ok(isAdmin(await sessionFromRequest(ctx, withCookie(s.token))));
    await editAgent(ctx, b.id, { role: "agent" });
    const after = await sessionFromRequest(ctx, withCookie(s.token));
    assert.ok(after, "still logged in");
    assert.equal(isAdmin(after), false);
  }));

Deno.test("the last active admin cannot be demoted or deactivated; unknown ids are not found", () =>
  withCtx(async (ctx) => {
    const admin = await ensureFirstAdmin(ctx, TEST_ITERATIONS);
    await assert.rejects(editAgent(ctx, admin.id, { role: "agent" }), ConflictError);
    await assert.rejects(editAgent(ctx, admin.id, { active: false }), ConflictError);
    await seedAgent(ctx, { email: "second@example.test", role: "admin" });
    const demoted = await editAgent(ctx, admin.id, { role: "agent" });
    assert.equal(demoted.role, "agent");
    await assert.rejects(editAgent(ctx, "nope", { name: "x" }), NotFoundError);
    await assert.rejects(
      addAgent(ctx, {
        email: "second@example.test",
        name: "x",
        role: "agent",
        team: "",
        password: "0123456789",
      }, TEST_ITERATIONS),
      ConflictError,
    );
  }));

Deno.test({
  name: "two instances on one MongoDB (FerretDB) starting at once create one first admin",
  ignore: skipUnless("ferretdb", !!findBinary("ferretdb")),
  fn: async () => {
    const ferret = await startFerret();
    const db = `t_${crypto.randomUUID().replaceAll("-", "")}`;
    const stores = [new MongoStore(ferret.uri, db), new MongoStore(ferret.uri, db)];
    try {
      for (const s of stores) await s.init();
      const config = parseConfig({ ADMIN_EMAIL: "Boss@Example.test" });
      const instance = (store: MongoStore) => ({
        store,
        now: () => new Date(),
        config: { ...config, INGEST_TOKEN: "i", API_TOKEN: "a", ADMIN_PASSWORD: "first password" },
        log: createLogger("error"),
      });
      const admins = await Promise.all(
        [...stores, ...stores].map((s) => ensureFirstAdmin(instance(s), TEST_ITERATIONS)),
      );
      assert.equal(new Set(admins.map((a) => a.id)).size, 1);
      const all = await stores[1].listAgents();
      assert.equal(all.length, 1);
      assert.equal(all[0].email, "boss@example.test");
      // A restart finds it and creates nothing.
      assert.equal((await ensureFirstAdmin(instance(stores[0]), TEST_ITERATIONS)).id, all[0].id);
    } finally {
      for (const s of stores) await s.close();
      await ferret.stop();
    }
  },
});
