import assert from "node:assert/strict";
import { classOf, codePointBefore, isSpaceAt, LETTER, letterRunStart, WORD_CHAR } from "./chars.ts";

Deno.test("letters and digits of any script are word characters, letters only letters", () => {
  for (const ch of ["a", "Я", "ә", "é", "𝐀", "中"]) {
    assert.equal(classOf(ch.codePointAt(0)!), WORD_CHAR | LETTER, ch);
  }
  for (const ch of ["7", "٣", "²"]) assert.equal(classOf(ch.codePointAt(0)!), WORD_CHAR, ch);
  for (const ch of [" ", "-", "'", "№", "₸", "\u0301"]) {
    assert.equal(classOf(ch.codePointAt(0)!), 0, ch);
  }
});

Deno.test("the code point before an index is a whole surrogate pair when there is one", () => {
  assert.equal(codePointBefore("a𝐀", 3), "𝐀".codePointAt(0));
  assert.equal(codePointBefore("a𝐀", 1), "a".codePointAt(0));
});

Deno.test("a run of letters is followed back to its first letter", () => {
  const text = "on 5 сентября 2026, 𝐀𝐁c 1";
  assert.equal(letterRunStart(text, 13), 5);
  assert.equal(letterRunStart(text, 4), 4);
  assert.equal(letterRunStart(text, text.length - 2), text.indexOf("𝐀"));
});

Deno.test("whitespace is what \\s matches, Unicode spaces included", () => {
  const text = "a b\u00a0c\u2009d\u3000e\nf";
  const spaces = [...text].map((_, i) => isSpaceAt(text, i));
  assert.deepEqual(spaces, [...text].map((ch) => /\s/.test(ch)));
  assert.equal(isSpaceAt("a", 0), false);
});
