import assert from "node:assert/strict";
import { CATEGORY_LEXICON } from "./lexicon.ts";
import { summarize } from "./summary.ts";

Deno.test("skips the greeting and picks the sentence with the category's words", () => {
  const s = summarize({
    category: "delivery",
    priority: "medium",
    subject: "Order",
    text: "Hello team. I hope you are well today. The courier did not come on Monday. Regards.",
    keyTerms: CATEGORY_LEXICON.delivery.map((t) => t.p),
    order: "QW-1",
  });
  assert.equal(s, "Delivery (medium), order QW-1: The courier did not come on Monday.");
});

Deno.test("falls back to the subject and clips long sentences", () => {
  assert.equal(
    summarize({
      category: "other",
      priority: "low",
      subject: "Gift cards",
      text: "",
      keyTerms: [],
    }),
    "Other (low): Gift cards.",
  );
  const long = summarize({
    category: "quality",
    priority: "medium",
    subject: "",
    text: "The " + "very ".repeat(60) + "long sentence",
    keyTerms: [],
  });
  assert.ok(long.length < 200 && long.endsWith("very…"), long);
});
