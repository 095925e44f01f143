import assert from "node:assert/strict";
import { execAtWord, headOf, matchesAtWord, READ_CHARS, sentencesOf } from "./word_match.ts";

Deno.test("a match counts only at the start of a word", () => {
  assert.equal(matchesAtWord(/not arrived/giu, "it has not arrived"), true);
  assert.equal(matchesAtWord(/not arrived/giu, "it has knot arrived"), false);
  assert.equal(matchesAtWord(/не пришел/giu, "заказ не пришел"), true);
});

Deno.test("a match inside a word does not hide a later one at a word start", () => {
  assert.equal(matchesAtWord(/sum/giu, "consumer sum"), true);
  assert.equal(execAtWord(/sum/giu, "consumer sum")?.index, 9);
  assert.equal(execAtWord(/sum/giu, "consumer"), null);
});

Deno.test("the readers read the head of a letter, a sentence at a time", () => {
  const long = "Intro. " + "x".repeat(READ_CHARS * 2);
  assert.equal(headOf(long).length, READ_CHARS);
  assert.deepEqual(sentencesOf("It broke. Again!\nWhy?"), ["It broke", " Again", "Why", ""]);
});
