import assert from "node:assert/strict";
import { submitLogin } from "./login_flow.ts";
import { AuthService } from "./service.ts";
import { loginCsrfCookie, loginCsrfToken } from "./login_csrf.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { HttpError } from "../http/errors.ts";
import { PAGE_BODY_MAX_BYTES } from "../web/page_body.ts";

/** An endless form body that counts the bytes pulled from it. */
function endlessForm(prefix: string): { body: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  let first = true;
  const filler = new TextEncoder().encode("a".repeat(16 * 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = first ? new TextEncoder().encode(prefix) : filler.slice();
      first = false;
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => pulled };
}

Deno.test("submitLogin redirects to a safe next with the session cookie, or explains", async () => {
  const t = await testContext();
  try {
    const auth = await AuthService.create(t.ctx);
    const { token } = loginCsrfToken(new Request("http://h/login"));
    const cookie = loginCsrfCookie(t.ctx.config, token).split(";")[0];
    const submit = (fields: Record<string, string>, origin = "http://h") =>
      submitLogin(
        t.ctx,
        auth,
        new Request("http://h/login", {
          method: "POST",
          headers: { cookie, origin },
          body: new URLSearchParams(fields),
        }),
        "127.0.0.1",
      );
    const good = { _csrf: token, email: "agent@example.com", password: "correct horse battery" };
    const ok = await submit({ ...good, next: "/complaints?status=new" });
    assert.ok(ok.ok);
    assert.equal(ok.ok && ok.location, "/complaints?status=new");
    assert.match(ok.ok ? ok.setCookie : "", /^it_session=/);

    const crossSite = await submit(good, "https://evil.example");
    assert.equal(!crossSite.ok && crossSite.status, 403);
    const wrong = await submit({ ...good, password: "x" });
    assert.equal(!wrong.ok && wrong.message, "Email or password is incorrect.");
  } finally {
    await t.close();
  }
});

Deno.test("after a good login, next that resolves to //host sends the agent home", async () => {
  const t = await testContext();
  try {
    const auth = await AuthService.create(t.ctx);
    const { token } = loginCsrfToken(new Request("http://h/login"));
    const cookie = loginCsrfCookie(t.ctx.config, token).split(";")[0];
    for (const next of ["/.//evil.example", "/a/..//host", "/%2e//host", "/%252e//host"]) {
      const outcome = await submitLogin(
        t.ctx,
        auth,
        new Request("http://h/login", {
          method: "POST",
          headers: { cookie, origin: "http://h" },
          body: new URLSearchParams({
            _csrf: token,
            email: "agent@example.com",
            password: "correct horse battery",
            next,
          }),
        }),
        "127.0.0.1",
      );
      assert.ok(outcome.ok, next);
      assert.equal(outcome.ok && outcome.location, "/", next);
    }
  } finally {
    await t.close();
  }
});

Deno.test("a cross-site login post is refused before its body is read", async () => {
  const t = await testContext();
  try {
    const auth = await AuthService.create(t.ctx);
    const endless = endlessForm("email=a%40b.c&");
    const outcome = await submitLogin(
      t.ctx,
      auth,
      new Request("http://h/login", {
        method: "POST",
        headers: {
          origin: "https://evil.example",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: endless.body,
      }),
      "127.0.0.1",
    );
    assert.equal(!outcome.ok && outcome.status, 403);
    assert.equal(!outcome.ok && outcome.email, "", "the form was not parsed");
    assert.ok(endless.pulled() < 1024, `pulled ${endless.pulled()} bytes`);
  } finally {
    await t.close();
  }
});

Deno.test("an anonymous endless login form is refused with 413 after at most the page cap", async () => {
  const t = await testContext();
  try {
    const auth = await AuthService.create(t.ctx);
    const endless = endlessForm("email=a%40b.c&password=");
    const err = await submitLogin(
      t.ctx,
      auth,
      new Request("http://h/login", {
        method: "POST",
        headers: { origin: "http://h", "content-type": "application/x-www-form-urlencoded" },
        body: endless.body,
      }),
      "127.0.0.1",
    ).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 413);
    assert.ok(endless.pulled() <= PAGE_BODY_MAX_BYTES + 32 * 1024, `pulled ${endless.pulled()}`);
  } finally {
    await t.close();
  }
});

Deno.test("a throttled login says when to retry; a deactivated agent is told so", async () => {
  const t = await testContext();
  try {
    const auth = await AuthService.create(t.ctx);
    const { token } = loginCsrfToken(new Request("http://h/login"));
    const cookie = loginCsrfCookie(t.ctx.config, token).split(";")[0];
    const submit = (email: string, password: string) =>
      submitLogin(
        t.ctx,
        auth,
        new Request("http://h/login", {
          method: "POST",
          headers: { cookie, origin: "http://h" },
          body: new URLSearchParams({ _csrf: token, email, password }),
        }),
        "5.5.5.5",
      );
    const b = await seedAgent(t.ctx, { email: "b@example.test", role: "agent" });
    await t.ctx.store.updateAgent(b.id, { active: false });
    const inactive = await submit("b@example.test", "correct horse battery");
    assert.equal(!inactive.ok && inactive.status, 403);
    assert.match(!inactive.ok ? inactive.message : "", /deactivated/);
    const wrongForInactive = await submit("b@example.test", "wrong");
    assert.equal(
      !wrongForInactive.ok && wrongForInactive.status,
      401,
      "no hint without the password",
    );
    for (let i = 0; i < 5; i++) await submit("agent@example.com", "wrong");
    const throttled = await submit("agent@example.com", "correct horse battery");
    assert.equal(!throttled.ok && throttled.status, 429);
    assert.equal(!throttled.ok && throttled.retryAfter, 900);
  } finally {
    await t.close();
  }
});
