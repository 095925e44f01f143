import assert from "node:assert/strict";
import { HttpError } from "./errors.ts";

Deno.test("HttpError keeps status, code, message and headers", () => {
  const err = new HttpError(429, "rate_limited", "slow down", { "retry-after": "30" });
  assert.equal(err.status, 429);
  assert.equal(err.code, "rate_limited");
  assert.equal(err.message, "slow down");
  assert.deepEqual(err.headers, { "retry-after": "30" });
  assert.equal(err.name, "HttpError");
});

Deno.test("HttpError is an Error with no extra headers by default", () => {
  const err = new HttpError(404, "not_found", "no such complaint");
  assert.ok(err instanceof Error);
  assert.ok(err instanceof HttpError);
  assert.deepEqual(err.headers, {});
  assert.match(String(err), /HttpError: no such complaint/);
  assert.ok(err.stack?.includes("no such complaint"));
});
