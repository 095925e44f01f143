import assert from "node:assert/strict";
import { CONTENT_SECURITY_POLICY, withSecurityHeaders } from "./headers.ts";

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
