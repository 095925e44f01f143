import assert from "node:assert/strict";
import { ConflictError, InvalidError, NotFoundError, UnavailableError } from "./errors.ts";

Deno.test("domain errors carry their kind's code by default, a specific code when given, and the cause", () => {
  const cause = new Error("ECONNREFUSED");
  const down = new UnavailableError("store down", { cause, retryAfterSeconds: 5 });
  assert.equal(down.code, "unavailable");
  assert.equal(down.cause, cause);
  assert.equal(down.retryAfterSeconds, 5);
  assert.equal(down.name, "UnavailableError");
  assert.equal(new NotFoundError("no complaint x").code, "not_found");
  assert.equal(new ConflictError("done already").code, "conflict");
  const bad = new InvalidError("not an RFC 822 message", { code: "not_an_email" });
  assert.equal(bad.code, "not_an_email");
  assert.ok(bad instanceof Error);
  assert.equal(bad.cause, undefined);
});
