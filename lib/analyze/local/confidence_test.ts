import assert from "node:assert/strict";
import { computeConfidence } from "./confidence.ts";

Deno.test("no evidence gives a low confidence", () => {
  assert.ok(computeConfidence({ top: 0, second: 0, hits: 0, words: 50 }) <= 0.1);
});

Deno.test("a close runner-up lowers confidence", () => {
  const clear = computeConfidence({ top: 20, second: 2, hits: 5, words: 60 });
  const close = computeConfidence({ top: 20, second: 18, hits: 5, words: 60 });
  assert.ok(clear > 0.7, String(clear));
  assert.ok(close < clear / 2, `${close} vs ${clear}`);
});

Deno.test("a very short text lowers confidence", () => {
  const long = computeConfidence({ top: 8, second: 0, hits: 3, words: 60 });
  const short = computeConfidence({ top: 8, second: 0, hits: 3, words: 4 });
  assert.ok(short < long);
  assert.ok(short >= 0.05 && long <= 0.95);
});
