import assert from "node:assert/strict";
import { compileTerms, matchTerms } from "./matcher.ts";
import { JOINED, SAME_CLAUSE, tokenize, type Tokens, tokensWithin, WORD } from "./tokens.ts";

/** Each word of the view with whether it is joined to, and in the same clause as, the previous. */
function words(t: Tokens): [string, boolean, boolean][] {
  const out: [string, boolean, boolean][] = [];
  for (let i = t.first; i < t.end; i++) {
    out.push([
      t.folded.slice(t.from[i], t.to[i]),
      (t.gaps[i] & JOINED) !== 0,
      (t.gaps[i] & SAME_CLAUSE) !== 0,
    ]);
  }
  return out;
}

Deno.test("tokenize marks words separated by punctuation", () => {
  assert.deepEqual(words(tokenize("a b, c. d")), [
    ["a", true, true],
    ["b", true, true],
    ["c", false, true],
    ["d", false, false],
  ]);
});

Deno.test("tokens note gaps with punctuation whatever the script", () => {
  assert.deepEqual(words(tokenize("a - b, c.\u00a0d")), [
    ["a", true, true],
    ["b", true, true],
    ["c", false, true],
    ["d", false, false],
  ]);
});

Deno.test("words are lowercased, with ё read as е and a curly apostrophe as a straight one", () => {
  assert.deepEqual(words(tokenize("Ёлка DON’T Refund")).map((w) => w[0]), [
    "елка",
    "don't",
    "refund",
  ]);
});

Deno.test("letters that lowercase by context or into two characters are lowercased per word", () => {
  // "İ" becomes two characters and a capital sigma depends on what follows: each word is then
  // lowercased alone, as a word, and matching still works on the others.
  const text = "İADE ΟΔΟΣ\u0301Α refund";
  assert.deepEqual(
    words(tokenize(text)).map((w) => w[0]),
    ["İADE", "ΟΔΟΣ", "Α", "refund"].map((w) => w.toLowerCase()),
  );
  const terms = compileTerms([{ p: "refund", w: 2 }, { p: "iade", w: 1 }]);
  assert.deepEqual(matchTerms(text, terms).map((h) => [h.term, h.index]), [["refund", 12]]);
});

Deno.test("words are runs of letters and digits, apostrophes joining letters only", () => {
  const text = "don't 'quoted' l'été O’Neil's x'1 A4Tech 12,5 𝐀𝐁c ok'";
  assert.deepEqual(words(tokenize(text)).map((w) => w[0]), [
    "don't",
    "quoted",
    "l'été",
    "o'neil's",
    "x",
    "1",
    "a4tech",
    "12",
    "5",
    "𝐀𝐁c",
    "ok",
  ]);
  const t = tokenize(text);
  assert.deepEqual(
    t.index.map((start, i) => text.slice(start, t.to[i])),
    [...text.matchAll(WORD)].map((m) => m[0]),
  );
});

Deno.test("a view of a part of the text holds that part's words, indexed from its start", () => {
  const t = tokensWithin(tokenize("Subject here\nBody text"), 13, 22);
  assert.deepEqual(words(t).map((w) => w[0]), ["body", "text"]);
  assert.equal(t.base, 13);
});
