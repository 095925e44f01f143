import assert from "node:assert/strict";
import { CATEGORIES } from "../../schema/complaint.ts";
import { CATEGORY_LEXICON } from "./lexicon.ts";

Deno.test("every category has phrases in English, Russian and Kazakh", () => {
  for (const c of CATEGORIES) {
    const terms = CATEGORY_LEXICON[c].map((t) => t.p);
    assert.ok(terms.some((t) => /^[a-z]/.test(t)), `${c} en`);
    assert.ok(terms.some((t) => /[а-я]/.test(t)), `${c} ru`);
    assert.ok(terms.some((t) => /[әғқңөұүһі]/.test(t)), `${c} kk`);
  }
});

Deno.test("every phrase compiles to at least one word and has a positive weight", () => {
  for (const c of CATEGORIES) {
    for (const t of CATEGORY_LEXICON[c]) {
      assert.ok(t.steps.length > 0, `${c}: ${t.p}`);
      assert.ok(t.w > 0, `${c}: ${t.p}`);
    }
  }
});
