import assert from "node:assert/strict";
import {
  compileTerms,
  isNegated,
  matchTermLists,
  matchTerms,
  scoreHits,
  tokenize,
} from "./matcher.ts";

Deno.test("stems match any ending, whole words only themselves", () => {
  const terms = compileTerms([{ p: "refund", w: 2 }, { p: "app$", w: 1 }]);
  const hits = matchTerms("Refunded twice via the application and the app", terms);
  assert.deepEqual(hits.map((h) => h.term), ["refund", "app$"]);
});

Deno.test("phrases need adjacent words unless a gap is allowed", () => {
  const terms = compileTerms([{ p: "charged twice", w: 3 }, { p: "cancel .. order", w: 2 }]);
  assert.equal(matchTerms("I was charged. Twice!", terms).length, 0);
  assert.deepEqual(matchTerms("please cancel my last order", terms).map((h) => h.term), [
    "cancel .. order",
  ]);
});

Deno.test("hyphens split words and ё reads as е", () => {
  const terms = compileTerms([{ p: "trade in", w: 1 }, { p: "платеж", w: 1 }]);
  assert.equal(matchTerms("Trade-in and платёж", terms).length, 2);
});

Deno.test("a negator just before a negatable phrase cancels it", () => {
  const terms = compileTerms([{ p: "damage", w: 3, negatable: true }, { p: "refund", w: 2 }]);
  const hits = matchTerms("There is no visible damage. I did not get a refund.", terms);
  assert.deepEqual(hits.map((h) => [h.term, h.weight]), [["damage", 0], ["refund", 2]]);
  assert.equal(isNegated("никаких повреждений", 8), true);
  assert.equal(isNegated("It broke. Damage", 10), false);
});

Deno.test("each phrase counts at most twice", () => {
  const terms = compileTerms([{ p: "courier", w: 3 }]);
  assert.equal(scoreHits(matchTerms("courier courier courier courier", terms)), 6);
});

Deno.test("tokenize marks words separated by punctuation", () => {
  const t = tokenize("a b, c. d");
  assert.deepEqual(t.map((x) => [x.word, x.joined, x.sameClause]), [
    ["a", true, true],
    ["b", true, true],
    ["c", false, true],
    ["d", false, false],
  ]);
});

Deno.test("short and long first stems are both found through the prefix index", () => {
  const terms = compileTerms([
    { p: "tv$", w: 1 },
    { p: "r", w: 1 },
    { p: "refund", w: 2 },
    { p: "ref .. number", w: 1 },
  ]);
  const hits = matchTerms("TV refunded, ref for the number, r", terms);
  assert.deepEqual(hits.map((h) => h.term), ["tv$", "r", "refund", "r", "ref .. number", "r"]);
});

Deno.test("several lexicons in one pass give each lexicon's own hits", () => {
  const a = compileTerms([{ p: "late", w: 1 }, { p: "not arrived", w: 2 }]);
  const b = compileTerms([{ p: "broken", w: 1 }, { p: "late$", w: 1 }]);
  const lists = [a, b];
  const text = "Parcel is late and has not arrived; the lid is broken. Lately nothing works.";
  const [hitsA, hitsB] = matchTermLists(text, lists);
  assert.deepEqual(hitsA, matchTerms(text, a));
  assert.deepEqual(hitsB, matchTerms(text, b));
  assert.deepEqual(hitsA.map((h) => h.term), ["late", "not arrived", "late"]);
  assert.deepEqual(hitsB.map((h) => h.term), ["late$", "broken"]);
});

Deno.test("tokens note gaps with punctuation whatever the script", () => {
  const tokens = tokenize("a - b, c.\u00a0d");
  assert.deepEqual(tokens.map((t) => [t.word, t.joined, t.sameClause]), [
    ["a", true, true],
    ["b", true, true],
    ["c", false, true],
    ["d", false, false],
  ]);
});
