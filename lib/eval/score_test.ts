import assert from "node:assert/strict";
import type { Analysis } from "../analyze/port.ts";
import type { Label } from "./labels.ts";
import {
  confusion,
  entityMatches,
  formatReport,
  matchEntities,
  presentInText,
  scoreRun,
} from "./score.ts";

Deno.test("confusion counts gold rows against predicted columns", () => {
  const c = confusion([["a", "a"], ["a", "b"], ["b", "b"]], ["a", "b"]);
  assert.equal(c.accuracy, 2 / 3);
  assert.equal(c.matrix.a.b, 1);
  assert.equal(c.matrix.b.b, 1);
});

Deno.test("entity matching: amounts by value and currency, ids ignoring case and '#'", () => {
  assert.ok(
    entityMatches("amounts", { value: 10.5, currency: "KZT" }, { value: 10.5, currency: "kzt" }),
  );
  assert.ok(
    !entityMatches("amounts", { value: 10.5, currency: "KZT" }, { value: 10.5, currency: "RUB" }),
  );
  assert.ok(entityMatches("orderNumbers", "AB-12345", "#ab-12345"));
  assert.ok(entityMatches("products", "Bosch WAT28441", "Bosch WAT28441 White"));
  assert.ok(!entityMatches("products", "Bosch WAT28441", "Bosch"));
});

Deno.test("matching is one-to-one and reports misses and extras", () => {
  const m = matchEntities("dates", ["2025-01-01", "2025-01-02"], ["2025-01-02", "2025-01-03"]);
  assert.deepEqual(m, { tp: 1, fp: 1, fn: 1, missed: ["2025-01-01"], extra: ["2025-01-03"] });
});

Deno.test("presentInText recognises the written forms of each entity", () => {
  assert.ok(presentInText("amounts", { value: 219990, currency: "KZT" }, "paid 219 990 ₸"));
  assert.ok(!presentInText("amounts", { value: 219990, currency: "KZT" }, "paid 19 990 ₸"));
  assert.ok(presentInText("dates", "2025-09-03", "due 03.09.2025"));
  assert.ok(presentInText("dates", "2025-09-03", "on 3 September"));
  assert.ok(presentInText("dates", "2025-09-03", "on Sep 3, 2025"));
  assert.ok(presentInText("dates", "2025-09-03", "до 3 сентября"));
  assert.ok(!presentInText("dates", "2025-09-03", "on 13 September"));
  assert.ok(presentInText("orderNumbers", "AB-1", "order ab-1"));
});

const label = (over: Partial<Label>): Label => ({
  file: "x.eml",
  category: "delivery",
  priority: "medium",
  language: "en",
  sentiment: "negative",
  entities: { orderNumbers: ["AB-1"], amounts: [], dates: [], products: [] },
  expect: "complaint",
  attachmentsWithText: [],
  notes: "",
  ...over,
});
const analysis = (over: Partial<Analysis>): Analysis => ({
  category: "delivery",
  subcategory: "",
  priority: "medium",
  sentiment: "negative",
  sentimentScore: -0.5,
  confidence: 0.8,
  language: "en",
  summary: "",
  entities: { orderNumbers: ["AB-1"], amounts: [], dates: [], products: [], phones: [] },
  escalationLevel: 1,
  tags: [],
  ...over,
});

Deno.test("scoreRun separates entities only found in binary attachments", () => {
  const r = scoreRun([
    { label: label({}), analysis: analysis({}), readableText: "order AB-1" },
    {
      label: label({
        file: "y.eml",
        category: "billing",
        entities: { orderNumbers: ["CD-2"], amounts: [], dates: [], products: [] },
      }),
      analysis: analysis({
        confidence: 0.2,
        entities: { orderNumbers: [], amounts: [], dates: [], products: [], phones: [] },
      }),
      readableText: "see the PDF",
    },
  ]);
  assert.equal(r.category.accuracy, 0.5);
  assert.equal(r.entities.orderNumbers.recall, 0.5);
  assert.equal(r.entities.orderNumbers.readableRecall, 1);
  assert.equal(r.entities.orderNumbers.binaryOnlyTotal, 1);
  assert.equal(r.entities.orderNumbers.binaryOnlyFound, 0);
  assert.equal(r.confidence.correct, 0.8);
  assert.equal(r.confidence.wrong, 0.2);
  assert.match(formatReport("t", r), /category: 50\.0% \(1\/2\)/);
});
