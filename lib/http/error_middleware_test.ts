import assert from "node:assert/strict";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { createLogger } from "../log.ts";
import { errorHandler, notFoundJson } from "./error_middleware.ts";
import { HttpError } from "./errors.ts";

/** A tiny app whose routes throw, served on a random local port. */
async function withApp(
  fn: (base: string, logLines: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  const logLines: Record<string, unknown>[] = [];
  const app = new Hono();
  app.onError(errorHandler(createLogger("debug", (l) => logLines.push(JSON.parse(l)))));
  app.notFound(notFoundJson);
  app.get("/http-error", () => {
    throw new HttpError(401, "unauthorized", "Missing token", {
      "WWW-Authenticate": 'Bearer realm="ingest"',
    });
  });
  app.get("/conflict", () => {
    throw new HttpError(409, "conflict", "Already processed");
  });
  app.get("/bug", () => {
    throw new Error("db password is hunter2 at /srv/secret/path");
  });
  app.get("/down", () => {
    throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:27017"), { unavailable: true });
  });
  app.get("/mongo-down", () => {
    const err = new Error("Server selection timed out");
    err.name = "MongoServerSelectionError";
    throw err;
  });
  app.get("/hono-413", () => {
    throw new HTTPException(413, { message: "too big" });
  });
  app.get("/ok", (c) => c.json({ ok: true }));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`, logLines);
  } finally {
    await server.shutdown();
  }
}

Deno.test("an HttpError answers its status, JSON {error:{code,message}} and its headers", async () => {
  await withApp(async (base) => {
    const res = await fetch(`${base}/http-error`);
    assert.equal(res.status, 401);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="ingest"');
    assert.deepEqual(await res.json(), {
      error: { code: "unauthorized", message: "Missing token" },
    });
    const conflict = await fetch(`${base}/conflict`);
    assert.equal(conflict.status, 409);
    assert.deepEqual(await conflict.json(), {
      error: { code: "conflict", message: "Already processed" },
    });
  });
});

Deno.test("an unexpected error is a 500 'internal' that does not leak its message", async () => {
  await withApp(async (base, logLines) => {
    const res = await fetch(`${base}/bug`);
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { error: { code: "internal", message: "Internal error" } });
    assert.ok(!text.includes("hunter2") && !text.includes("/srv/secret"), text);
    // The detail goes to the log instead, for the operator.
    const logged = logLines.find((l) => l.event === "unhandled_error");
    assert.ok(logged, JSON.stringify(logLines));
    assert.equal(logged.path, "/bug");
    assert.match(String(logged.error), /hunter2/);
  });
});

Deno.test("an error marked unavailable is a 503 with Retry-After and no detail", async () => {
  await withApp(async (base) => {
    for (const path of ["/down", "/mongo-down"]) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 503, path);
      assert.ok(Number(res.headers.get("retry-after")) > 0, path);
      const body = await res.json();
      assert.equal(body.error.code, "unavailable");
      assert.ok(!JSON.stringify(body).includes("10.0.0.1"));
    }
  });
});

Deno.test("Hono's own HTTPException keeps its status in the same JSON shape", async () => {
  await withApp(async (base) => {
    const res = await fetch(`${base}/hono-413`);
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), {
      error: { code: "payload_too_large", message: "too big" },
    });
  });
});

Deno.test("an unknown route is a JSON 404 naming the method and path", async () => {
  await withApp(async (base) => {
    const res = await fetch(`${base}/nowhere?x=1`, { method: "DELETE" });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), {
      error: { code: "not_found", message: "No route for DELETE /nowhere" },
    });
    const ok = await fetch(`${base}/ok`);
    assert.deepEqual(await ok.json(), { ok: true });
  });
});
