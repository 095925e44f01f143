import assert from "node:assert/strict";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { createLogger } from "../log.ts";
import { ConflictError, InvalidError, NotFoundError, UnavailableError } from "../errors.ts";
import { errorHandler, errorLogFields, httpAnswerFor, notFoundJson } from "./error_middleware.ts";
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
    throw new UnavailableError("store unreachable at 10.0.0.1:27017", {
      cause: new Error("connect ECONNREFUSED 10.0.0.1:27017"),
    });
  });
  app.get("/busy", () => {
    throw new UnavailableError("analysis budget spent", { code: "busy", retryAfterSeconds: 30 });
  });
  app.get("/mongo-down", () => {
    // A driver error nobody translated is a bug in its adapter, not an outage the edge guesses at.
    const err = new Error("Server selection timed out");
    err.name = "MongoServerSelectionError";
    throw err;
  });
  app.get("/flagged", () => {
    throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:9000"), { unavailable: true });
  });
  app.get("/no-complaint", () => {
    throw new NotFoundError("No complaint c-1");
  });
  app.get("/not-an-email", () => {
    throw new InvalidError("No header block", { code: "not_an_email" });
  });
  app.get("/invalid", () => {
    throw new InvalidError("priority: expected one of low, medium, high");
  });
  app.get("/bad-json", () => {
    throw new InvalidError("The heartbeat is not valid JSON", {
      code: "invalid_json",
      cause: new SyntaxError("Unexpected token"),
    });
  });
  app.get("/bad-multipart", () => {
    throw new InvalidError("The multipart body could not be parsed", { code: "bad_multipart" });
  });
  app.get("/missing-file", () => {
    throw new InvalidError("A multipart field named `file` is required", { code: "missing_file" });
  });
  app.get("/wrong-type", () => {
    throw new InvalidError("Send multipart/form-data", { code: "unsupported_media_type" });
  });
  app.get("/not-failed", () => {
    throw new ConflictError("Complaint c-1 is not waiting for reprocessing");
  });
  app.get("/bug-with-cause", () => {
    throw new Error("could not save", { cause: new Error("disk full at /srv/data") });
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

Deno.test("an UnavailableError is a 503 'unavailable' with Retry-After 5 and no detail", async () => {
  await withApp(async (base, logLines) => {
    const res = await fetch(`${base}/down`);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "5");
    const text = await res.text();
    assert.deepEqual(JSON.parse(text).error.code, "unavailable");
    assert.ok(!text.includes("10.0.0.1"), text);
    // The operator sees what was down and why.
    const logged = logLines.find((l) => l.event === "dependency_unavailable");
    assert.ok(logged, JSON.stringify(logLines));
    assert.match(String(logged.error), /10\.0\.0\.1:27017/);
    assert.match(String(logged.cause), /ECONNREFUSED/);
    assert.match(String(logged.stack), /UnavailableError/);
  });
});

Deno.test("an UnavailableError's retryAfterSeconds and code are the 503's Retry-After and code", async () => {
  await withApp(async (base) => {
    const res = await fetch(`${base}/busy`);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "30");
    assert.equal((await res.json()).error.code, "busy");
  });
});

Deno.test("the edge knows no driver's error names: an untranslated MongoDB or flagged error is a 500", async () => {
  await withApp(async (base) => {
    for (const path of ["/mongo-down", "/flagged"]) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 500, path);
      assert.equal(res.headers.get("retry-after"), null, path);
      assert.equal((await res.json()).error.code, "internal", path);
    }
  });
});

Deno.test("a NotFoundError is a 404 with its code and message", async () => {
  await withApp(async (base) => {
    const res = await fetch(`${base}/no-complaint`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), {
      error: { code: "not_found", message: "No complaint c-1" },
    });
  });
});

Deno.test("an InvalidError is a 422 with its own code", async () => {
  await withApp(async (base) => {
    const email = await fetch(`${base}/not-an-email`);
    assert.equal(email.status, 422);
    assert.deepEqual(await email.json(), {
      error: { code: "not_an_email", message: "No header block" },
    });
    const plain = await fetch(`${base}/invalid`);
    assert.equal(plain.status, 422);
    assert.equal((await plain.json()).error.code, "invalid");
  });
});

Deno.test("InvalidError codes for unreadable bodies keep their 400, a wrong media type its 415", async () => {
  await withApp(async (base) => {
    for (
      const [path, status, code] of [
        ["/bad-json", 400, "invalid_json"],
        ["/bad-multipart", 400, "bad_multipart"],
        ["/missing-file", 400, "missing_file"],
        ["/wrong-type", 415, "unsupported_media_type"],
      ] as const
    ) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, status, path);
      assert.equal((await res.json()).error.code, code, path);
    }
  });
});

Deno.test("a ConflictError is a 409 'conflict' with its message", async () => {
  await withApp(async (base) => {
    const res = await fetch(`${base}/not-failed`);
    assert.equal(res.status, 409);
    assert.deepEqual(await res.json(), {
      error: { code: "conflict", message: "Complaint c-1 is not waiting for reprocessing" },
    });
  });
});

Deno.test("an unexpected error is logged with its stack and its cause", async () => {
  await withApp(async (base, logLines) => {
    const res = await fetch(`${base}/bug-with-cause`);
    assert.equal(res.status, 500);
    assert.ok(!(await res.text()).includes("disk full"));
    const logged = logLines.find((l) => l.event === "unhandled_error");
    assert.ok(logged, JSON.stringify(logLines));
    assert.match(String(logged.stack), /could not save\n\s+at /);
    assert.match(String(logged.cause), /disk full at \/srv\/data/);
  });
});

Deno.test("errorLogFields follows a chain of causes and stops on a cyclic one", () => {
  const root = new Error("ECONNRESET");
  const mid = new Error("socket closed", { cause: root });
  const top = new UnavailableError("blob store down", { cause: mid });
  const fields = errorLogFields(top);
  assert.match(String(fields.error), /blob store down/);
  const causes = fields.cause as string[];
  assert.equal(causes.length, 2);
  assert.match(causes[0], /socket closed/);
  assert.match(causes[1], /ECONNRESET/);
  const a = new Error("a");
  const b = new Error("b", { cause: a });
  (a as { cause?: unknown }).cause = b;
  assert.ok((errorLogFields(a).cause as string[]).length <= 5);
  assert.deepEqual(errorLogFields("a string"), { error: "a string" });
});

Deno.test("httpAnswerFor is null for a plain error, so only the 500 path handles bugs", () => {
  assert.equal(httpAnswerFor(new Error("boom")), null);
  assert.equal(httpAnswerFor(new TypeError("x is undefined")), null);
  assert.equal(httpAnswerFor("thrown string"), null);
  assert.equal(httpAnswerFor(new NotFoundError("x"))?.status, 404);
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
