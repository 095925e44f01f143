import assert from "node:assert/strict";
import { scoreSentiment } from "./sentiment.ts";
import { detectSignals } from "./signals.ts";

const s = (text: string) => scoreSentiment(text, detectSignals(text));

Deno.test("angry complaints are negative, praise positive, plain questions neutral", () => {
  assert.equal(
    s("This is ridiculous, still no refund and nobody answers!!!").sentiment,
    "negative",
  );
  assert.equal(
    s("Thank you, the courier was friendly and helpful, great service.").sentiment,
    "positive",
  );
  assert.equal(s("What time does the store open on Sunday?").sentiment, "neutral");
});

Deno.test("works for Russian too and keeps the score within [-1, 1]", () => {
  const neg = s("Ужасное обслуживание, безобразие, до сих пор никто не ответил!!!");
  assert.equal(neg.sentiment, "negative");
  assert.ok(neg.score >= -1 && neg.score < 0);
  assert.equal(s("Огромное спасибо, всё отлично!").sentiment, "positive");
});
