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

Deno.test("an anonymous 100 MB POST /login gets 413 and the server reads at most the page cap", async () => {
  const t = await testContext();
  try {
    const app = new Hono();
    await mountWeb(app, t.ctx);
    let pulled = 0;
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 100 * 1024 * 1024) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk.slice());
      },
    });
    const res = await app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body,
    });
    assert.equal(res.status, 413);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    await res.body?.cancel();
    assert.ok(pulled <= 4 * 64 * 1024, `read ${pulled} of 100 MB`);

    const declared = await app.request("/login", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(100 * 1024 * 1024),
      },
      body: "email=x",
    });
    assert.equal(declared.status, 413);
    await declared.body?.cancel();
  } finally {
    await t.close();
  }
});
