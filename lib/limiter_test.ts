import assert from "node:assert/strict";
import { Limiter } from "./limiter.ts";

Deno.test("a limiter never runs more than its size at once and runs every task", async () => {
  const limiter = new Limiter(2);
  let running = 0;
  let peak = 0;
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    limiter.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return i;
    })));
  assert.equal(peak, 2);
  assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(limiter.active, 0);
  assert.equal(limiter.queued, 0);
});

Deno.test("a failing task frees its slot", async () => {
  const limiter = new Limiter(1);
  await assert.rejects(limiter.run(() => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(await limiter.run(() => Promise.resolve("next")), "next");
  assert.equal(limiter.active, 0);
});

Deno.test("size below one is refused", () => {
  assert.throws(() => new Limiter(0));
});

Deno.test("a task waiting outside the limit lends its slot, then resumes ahead of tasks not yet started", async () => {
  const limiter = new Limiter(1);
  const order: string[] = [];
  let network!: () => void;
  const a = limiter.run(async () => {
    order.push("a:cpu");
    await limiter.outside(() => new Promise<void>((r) => network = r));
    order.push("a:after");
  });
  const b = limiter.run(async () => {
    order.push("b:cpu");
    await new Promise((r) => setTimeout(r, 5));
    network(); // a's answer arrives while b holds the slot
    order.push("b:done");
  });
  const c = limiter.run(() => Promise.resolve(void order.push("c")));
  await Promise.all([a, b, c]);
  assert.deepEqual(order, ["a:cpu", "b:cpu", "b:done", "a:after", "c"]);
  assert.equal(limiter.active, 0);
  assert.equal(limiter.queued, 0);
});
