import assert from "node:assert/strict";
import { contentWords, jaccard } from "./similarity.ts";

Deno.test("content words drop stop words, short words, quotes and the signature", () => {
  const words = contentWords(
    "Re: Broken kettle",
    "Hello, the kettle is broken and leaks.\n> old quoted text about refunds\n-- \nAnna Smith, ACME Ltd",
  );
  assert.deepEqual([...words].sort(), ["broken", "kettle", "leaks"]);
});

Deno.test("content words are lowercased and the subject counts", () => {
  const words = contentWords("KETTLE", "Broken");
  assert.ok(words.has("kettle") && words.has("broken"));
});

Deno.test({
  name: "Russian word forms of one stem become one word",

  fn: () => {
    const a = contentWords("", "заказ не доставлен, телевизор разбитый");
    const b = contentWords("", "заказа не доставили, телевизора разбитого");
    assert.ok(jaccard(a, b) >= 0.5, `score ${jaccard(a, b)}: ${[...a]} vs ${[...b]}`);
  },
});

Deno.test("jaccard is 1 for equal sets, 0 for disjoint or empty ones, symmetric between", () => {
  const a = new Set(["kettle", "broken", "leaks"]);
  const b = new Set(["kettle", "broken", "refund", "late"]);
  assert.equal(jaccard(a, new Set(a)), 1);
  assert.equal(jaccard(a, new Set(["delivery"])), 0);
  assert.equal(jaccard(new Set(), new Set()), 0);
  assert.equal(jaccard(a, b), 2 / 5);
  assert.equal(jaccard(b, a), jaccard(a, b));
});

Deno.test("a reworded resend scores higher than a different problem from the same words pool", () => {
  const original = contentWords(
    "Order ZE-2026-031842 not delivered",
    "My LG TV order ZE-2026-031842 was due on 2 September and still has not arrived.",
  );
  const reworded = contentWords(
    "Still no delivery of ZE-2026-031842",
    "The LG TV from order ZE-2026-031842 still has not arrived, it was due on 2 September.",
  );
  const other = contentWords(
    "Wrong charge on my card",
    "I was charged twice for my headphones, please refund the second payment.",
  );
  assert.ok(jaccard(original, reworded) >= 0.5, `reworded ${jaccard(original, reworded)}`);
  assert.ok(jaccard(original, other) < 0.15, `other ${jaccard(original, other)}`);
});
