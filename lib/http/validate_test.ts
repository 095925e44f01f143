import assert from "node:assert/strict";
import { z } from "zod";
import { HttpError } from "./errors.ts";
import { parseInput } from "./validate.ts";

const schema = z.strictObject({
  email: z.email(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  nested: z.object({ tag: z.string().min(1) }).optional(),
});

function invalid(data: unknown, where: "query" | "body" = "body"): HttpError {
  try {
    parseInput(schema, data, where);
  } catch (err) {
    assert.ok(err instanceof HttpError, String(err));
    return err;
  }
  assert.fail(`accepted ${JSON.stringify(data)}`);
}

Deno.test("valid input comes back parsed, with defaults and coercion", () => {
  assert.deepEqual(parseInput(schema, { email: "a@b.co" }, "body"), {
    email: "a@b.co",
    limit: 20,
  });
  assert.equal(parseInput(schema, { email: "a@b.co", limit: "5" }, "query").limit, 5);
});

Deno.test("invalid input is a 422 invalid_input naming each bad field", () => {
  const err = invalid({ email: "nope", limit: "500", nested: { tag: "" } });
  assert.equal(err.status, 422);
  assert.equal(err.code, "invalid_input");
  assert.match(err.message, /^Invalid body: /);
  assert.match(err.message, /email: /);
  assert.match(err.message, /limit: /);
  assert.match(err.message, /nested\.tag: /);
});

Deno.test("a missing required field is named", () => {
  const err = invalid({}, "query");
  assert.match(err.message, /^Invalid query: /);
  assert.match(err.message, /email: /);
});

Deno.test("unknown keys are refused and listed by name", () => {
  const err = invalid({ email: "a@b.co", role: "admin", $where: "1" });
  assert.equal(err.status, 422);
  assert.match(err.message, /unknown field\(s\): role, \$where/);
});

Deno.test("a non-object body is a 422, not a crash", () => {
  for (const data of [null, "text", 42, []]) assert.equal(invalid(data).status, 422);
});
