import assert from "node:assert/strict";
import {
  compileTerms,
  findHits,
  indexTerms,
  isNegated,
  matchTermLists,
  matchTerms,
  scoreHits,
} from "./matcher.ts";
import { tokenize, tokensWithin } from "./tokens.ts";

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

Deno.test("a part of a text matches as if it had been tokenized alone", () => {
  const lists = [
    compileTerms([{ p: "late delivery", w: 2 }, { p: "damage", w: 3, negatable: true }]),
    compileTerms([{ p: "refund", w: 1 }]),
  ];
  const subject = "Not late";
  const body = "delivery, no damage. Damage and a refund";
  const text = `${subject}\n${body}`;
  const all = tokenize(text);
  const index = indexTerms(lists);
  // "late delivery" spans the two parts and "not" stands before the second part: neither
  // counts when the parts are read apart.
  assert.deepEqual(
    findHits(tokensWithin(all, 0, subject.length), index),
    matchTermLists(subject, lists),
  );
  assert.deepEqual(
    findHits(tokensWithin(all, subject.length + 1, text.length), index),
    matchTermLists(body, lists),
  );
  assert.deepEqual(findHits(all, index)[0].map((h) => h.term), [
    "late delivery",
    "damage",
    "damage",
  ]);
});

Deno.test("a stem matches the words it starts and a whole-word stem only itself, in lexicon order", () => {
  const lists = [
    compileTerms([{ p: "refunded$", w: 1 }, { p: "ref", w: 1 }, { p: "refund", w: 1 }]),
    compileTerms([{ p: "re", w: 1 }, { p: "refunds$", w: 1 }]),
  ];
  const [a, b] = findHits(tokenize("refunded refund refunds"), indexTerms(lists));
  assert.deepEqual(a.map((h) => `${h.term}@${h.index}`), [
    "refunded$@0",
    "ref@0",
    "refund@0",
    "ref@9",
    "refund@9",
    "ref@16",
    "refund@16",
  ]);
  assert.deepEqual(b.map((h) => `${h.term}@${h.index}`), ["re@0", "re@9", "re@16", "refunds$@16"]);
});

Deno.test("negators are not looked for before the start given", () => {
  assert.equal(isNegated("no damage", 3), true);
  assert.equal(isNegated("no damage", 3, 3), false);
});

Deno.test("phrases sharing a first word are each found where their next words follow", () => {
  const terms = compileTerms([
    { p: "не работает", w: 1 },
    { p: "не .. вернули", w: 1 },
    { p: "не", w: 1 },
    { p: "не пришел", w: 1 },
  ]);
  const hits = matchTerms("Заказ не пришёл, не работает и не нам вернули", terms);
  assert.deepEqual(hits.map((h) => h.term), [
    "не",
    "не пришел",
    "не работает",
    "не",
    "не .. вернули",
    "не",
  ]);
});
