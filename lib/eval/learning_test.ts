import assert from "node:assert/strict";
import { learningEval } from "./learning.ts";
import type { Scored } from "./score.ts";

function scored(file: string, text: string, gold: string, pred: string): Scored {
  return {
    label: { file, category: gold, priority: "medium" } as Scored["label"],
    analysis: { category: pred, priority: "medium" } as Scored["analysis"],
    readableText: text,
  };
}

Deno.test("a correction on one half fixes its much-alike twin in the held-back half, and nothing else", () => {
  const text = "promo code SPRING25 not applied at checkout discount missing";
  const r = learningEval([
    scored("1", text, "billing", "technical"), // fed: wrong, becomes a correction
    scored("2", `${text} again`, "billing", "technical"), // held back: fixed after
    scored("3", "courier left parcel wrong door", "delivery", "delivery"), // fed: right
    scored("4", "kettle sparks when switched on", "quality", "technical"), // held back: unlike
  ]);
  assert.equal(r.corrections, 1);
  assert.deepEqual(r.before, { category: 0, priority: 1 });
  assert.deepEqual(r.after, { category: 0.5, priority: 1 });
});
