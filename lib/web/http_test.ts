import assert from "node:assert/strict";
import { redirect } from "./http.ts";

Deno.test("redirect answers 303 with the location and every cookie", () => {
  const res = redirect("/login", ["a=1", "b=2"]);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/login");
  assert.deepEqual(res.headers.getSetCookie(), ["a=1", "b=2"]);
});
