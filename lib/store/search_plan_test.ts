import assert from "node:assert/strict";
import { searchPlan } from "./search_plan.ts";

Deno.test("a common word walks the order index; a rare one sorts its few matches", () => {
  assert.equal(searchPlan(20_000, 100_000, 0, 20), "walk");
  assert.equal(searchPlan(1_200, 100_000, 0, 20), "walk");
  assert.equal(searchPlan(100, 100_000, 0, 20), "matches");
  assert.equal(searchPlan(1, 100_000, 0, 20), "matches");
});

Deno.test("no match reads nothing, and deep pages of a middling word sort the matches", () => {
  assert.equal(searchPlan(0, 100_000, 0, 20), "matches");
  assert.equal(searchPlan(1_200, 100_000, 2_000, 20), "matches");
  assert.equal(searchPlan(20_000, 100_000, 2_000, 20), "walk");
});
