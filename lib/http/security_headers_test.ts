import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  CONTENT_SECURITY_POLICY,
  responseHeaders,
  responseHeadersMiddleware,
  STRICT_TRANSPORT_SECURITY,
  withSecurityHeaders,
} from "./security_headers.ts";
import { parseConfig } from "../config.ts";
import { HttpError } from "./errors.ts";
import { errorHandler } from "./error_middleware.ts";
import { createLogger } from "../log.ts";

Deno.test("the CSP forbids inline script, plugins, base and framing", () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]),
  );
  assert.deepEqual(directives.get("script-src"), ["'self'"]);
  assert.deepEqual(directives.get("default-src"), ["'self'"]);
  assert.deepEqual(directives.get("object-src"), ["'none'"]);
  assert.deepEqual(directives.get("base-uri"), ["'none'"]);
  assert.deepEqual(directives.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(directives.get("form-action"), ["'self'"]);
  assert.ok(!CONTENT_SECURITY_POLICY.includes("unsafe-inline"));
});

Deno.test("withSecurityHeaders sets nosniff, referrer policy and CSP on a response", () => {
  const res = withSecurityHeaders(new Response("x"));
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("referrer-policy"), "same-origin");
  assert.equal(res.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY);
});

Deno.test("HSTS is sent only when PUBLIC_URL is https; nosniff always", () => {
  assert.deepEqual(responseHeaders(parseConfig({ PUBLIC_URL: "https://inbox.example" })), {
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  });
  assert.deepEqual(responseHeaders(parseConfig({ PUBLIC_URL: "http://localhost:8000" })), {
    "X-Content-Type-Options": "nosniff",
  });
  assert.deepEqual(responseHeaders(parseConfig({})), { "X-Content-Type-Options": "nosniff" });
});

Deno.test("the middleware puts them on JSON, errors, 404s and immutable redirects alike", async () => {
  const app = new Hono();
  app.onError(errorHandler(createLogger("error", () => {})));
  app.use("*", responseHeadersMiddleware(parseConfig({ PUBLIC_URL: "https://inbox.example" })));
  app.get("/json", (c) => c.json({ ok: true }));
  app.get("/boom", () => {
    throw new HttpError(400, "bad", "no");
  });
  app.get("/away", () => Response.redirect("https://inbox.example/x", 302));
  app.get("/own", (c) => c.text("x", 200, { "X-Content-Type-Options": "custom" }));
  for (const path of ["/json", "/boom", "/away", "/nowhere"]) {
    const res = await app.request(path);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
    assert.equal(res.headers.get("strict-transport-security"), STRICT_TRANSPORT_SECURITY, path);
    await res.body?.cancel();
  }
  const own = await app.request("/own");
  assert.equal(own.headers.get("x-content-type-options"), "custom", "a route's own value stays");
  await own.body?.cancel();
});
