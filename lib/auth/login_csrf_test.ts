import assert from "node:assert/strict";
import { parseConfig } from "../config.ts";
import { loginCsrfCookie, loginCsrfToken, loginCsrfValid, originAllowed } from "./login_csrf.ts";

const config = {
  ...parseConfig({ PUBLIC_URL: "https://triage.example.com" }),
  INGEST_TOKEN: "i",
  API_TOKEN: "a",
  ADMIN_PASSWORD: "p",
};

Deno.test("the login token is reused from its cookie and must match the submitted field", () => {
  const first = loginCsrfToken(new Request("http://h/login"));
  assert.ok(first.fresh);
  const cookie = loginCsrfCookie(config, first.token);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /Secure/, "https PUBLIC_URL makes cookies Secure");
  const req = new Request("http://h/login", { headers: { cookie: cookie.split(";")[0] } });
  assert.deepEqual(loginCsrfToken(req), { token: first.token, fresh: false });
  assert.ok(loginCsrfValid(req, first.token));
  assert.ok(!loginCsrfValid(req, first.token.slice(1)));
  assert.ok(!loginCsrfValid(new Request("http://h/login"), first.token), "no cookie, no login");
});

Deno.test("originAllowed accepts same origin, the public URL or no Origin, and refuses others", () => {
  const post = (origin?: string) =>
    new Request("http://10.0.0.5:8000/login", {
      method: "POST",
      headers: origin ? { origin, host: "10.0.0.5:8000" } : {},
    });
  assert.ok(originAllowed(post(), config));
  assert.ok(originAllowed(post("http://10.0.0.5:8000"), config));
  assert.ok(originAllowed(post("https://triage.example.com"), config));
  assert.ok(!originAllowed(post("https://evil.example"), config));
  assert.ok(!originAllowed(post("null"), config));
});
