import assert from "node:assert/strict";
import { ByteBudget } from "./byte_budget.ts";

Deno.test("reservations fit under the limit and are given back once", () => {
  const budget = new ByteBudget(100);
  const a = budget.tryReserve(60)!;
  assert.ok(a);
  assert.equal(budget.tryReserve(50), null);
  const b = budget.tryReserve(40)!;
  assert.equal(budget.held, 100);
  a();
  a();
  assert.equal(budget.held, 40, "a second release gives nothing back twice");
  b();
  assert.equal(budget.held, 0);
});

Deno.test("one reservation larger than the limit passes when nothing is held", () => {
  const budget = new ByteBudget(100);
  const big = budget.tryReserve(150)!;
  assert.ok(big);
  assert.equal(budget.tryReserve(1), null);
  big();
  assert.ok(budget.tryReserve(1));
});
