import assert from "node:assert/strict";
import { submitLogin } from "./login_flow.ts";
import { AuthService } from "./service.ts";
import { loginCsrfCookie, loginCsrfToken } from "./login_csrf.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";

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
