import assert from "node:assert/strict";
import { Hono } from "hono";
import { mountWeb } from "./server.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";

Deno.test("mountWeb serves the repository's routes, stylesheet and islands bundle", async () => {
  const t = await testContext();
  try {
    const app = new Hono();
    await mountWeb(app, t.ctx);
    const login = await app.request("/login");
    assert.equal(login.status, 200);
    assert.ok((await login.text()).includes('action="/login"'));
    const css = await app.request("/styles.css");
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
    await css.body?.cancel();
    const home = await app.request("/");
    assert.equal(home.status, 303, "pages need a session");
    assert.equal(home.headers.get("location"), "/login");
    const api = await app.request("/functions/v1/nothing");
    assert.equal((await api.json()).error.code, "not_found");
  } finally {
    await t.close();
  }
});
