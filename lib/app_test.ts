import assert from "node:assert/strict";
import { Hono } from "hono";
import { mountWeb } from "./app.ts";
import { testContext } from "../test/e2e/app_fixture.ts";
import { sampleEmail, startTestApp } from "../test/support/app.ts";

Deno.test("GET /functions/v1/api/health answers 200 JSON naming the store and blobs", async () => {
  const app = await startTestApp();
  try {
    const res = await fetch(`${app.url}/functions/v1/api/health`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(await res.json(), { ok: true, store: "sqlite", blobs: "local" });
  } finally {
    await app.stop();
  }
});

Deno.test("an unknown /functions/v1 path answers a JSON 404 with {error: {code, message}}", async () => {
  const app = await startTestApp();
  try {
    for (const path of ["/functions/v1/nope", "/functions/v1/nope/deeper", "/functions/v1"]) {
      const res = await fetch(`${app.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get("content-type") ?? "", /^application\/json/, path);
      const body = await res.json();
      assert.equal(body.error.code, "not_found", path);
      assert.equal(typeof body.error.message, "string");
      assert.ok(body.error.message.length > 0);
    }
  } finally {
    await app.stop();
  }
});

Deno.test("pages: / without a session redirects to /login, which serves the login form", async () => {
  const app = await startTestApp();
  try {
    const home = await fetch(`${app.url}/`, { redirect: "manual" });
    assert.ok([302, 303].includes(home.status), String(home.status));
    assert.equal(home.headers.get("location"), "/login");
    await home.body?.cancel();
    const login = await fetch(`${app.url}/login`);
    assert.equal(login.status, 200);
    assert.match(login.headers.get("content-type") ?? "", /^text\/html/);
    assert.ok((await login.text()).includes('action="/login"'));
  } finally {
    await app.stop();
  }
});

Deno.test("POST /functions/v1/ingest without a token → 401 JSON; with it → 201", async () => {
  const app = await startTestApp();
  try {
    const res = await fetch(`${app.url}/functions/v1/ingest`, {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: sampleEmail(),
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal((await res.json()).error.code, "unauthorized");
    const ok = await app.ingest(sampleEmail());
    assert.equal(ok.status, 201);
    await ok.body?.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("/functions/v1/telegram is off (404 JSON) without a configured secret", async () => {
  const app = await startTestApp({ TELEGRAM_BOT_TOKEN: "1:abc" });
  try {
    const res = await fetch(`${app.url}/functions/v1/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "x" },
      body: "{}",
    });
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, "not_found");
  } finally {
    await app.stop();
  }
});

Deno.test("/functions/v1/telegram with a configured secret checks the secret header", async () => {
  const app = await startTestApp({
    TELEGRAM_BOT_TOKEN: "1:abc",
    TELEGRAM_CHAT_ID: "-100",
    TELEGRAM_WEBHOOK_SECRET: "hook-secret",
    // Never reached: no callback query is posted.
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
  });
  try {
    const post = (secret?: string) =>
      fetch(`${app.url}/functions/v1/telegram`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
        },
        body: JSON.stringify({ update_id: 1, message: { text: "hi" } }),
      });
    const missing = await post();
    assert.equal(missing.status, 401);
    assert.equal((await missing.json()).error.code, "unauthorized");
    const wrong = await post("nope");
    assert.equal(wrong.status, 401);
    await wrong.body?.cancel();
    const right = await post("hook-secret");
    assert.equal(right.status, 200);
    assert.deepEqual(await right.json(), { ok: true });
  } finally {
    await app.stop();
  }
});

Deno.test("API JSON, ingest errors and pages carry nosniff; HSTS only when PUBLIC_URL is https", async () => {
  for (const publicUrl of ["https://inbox.example", "http://localhost:8000"]) {
    const app = await startTestApp({ PUBLIC_URL: publicUrl });
    try {
      const answers = [
        await app.api("/stats"),
        await fetch(`${app.url}/functions/v1/api/health`),
        await fetch(`${app.url}/functions/v1/api/complaints`),
        await fetch(`${app.url}/functions/v1/ingest`, { method: "POST", body: "x" }),
        await fetch(`${app.url}/login`),
      ];
      for (const res of answers) {
        assert.equal(res.headers.get("x-content-type-options"), "nosniff", res.url);
        assert.equal(
          res.headers.get("strict-transport-security"),
          publicUrl.startsWith("https:") ? "max-age=31536000; includeSubDomains" : null,
          `${publicUrl} ${res.url}`,
        );
        await res.body?.cancel();
      }
    } finally {
      await app.stop();
    }
  }
});

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
