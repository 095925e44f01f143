import assert from "node:assert/strict";
import { declaredCharsets, decodeHeaderValue, normalizeSpace } from "./header_text.ts";

Deno.test("decodes raw 8-bit header bytes with the declared charset, then encoded words", () => {
  const cp1251 = "\u00cf\u00f0\u00e8\u00e2\u00e5\u00f2"; // "Привет" as windows-1251 bytes
  assert.equal(decodeHeaderValue(cp1251, ["windows-1251"]), "Привет");
  assert.equal(decodeHeaderValue(cp1251), "Привет");
  assert.equal(decodeHeaderValue("=?utf-8?Q?caf=C3=A9?="), "café");
});

Deno.test("lists declared legacy charsets in order, without ascii/utf-8 or QP artefacts", () => {
  const text =
    'charset="utf-8"\ncharset=3Dutf-8\ncharset=KOI8-R\ncharset="windows-1251"\ncharset=koi8-r';
  assert.deepEqual(declaredCharsets(text), ["koi8-r", "windows-1251"]);
});

Deno.test("normalizeSpace collapses folding and control whitespace", () => {
  assert.equal(normalizeSpace("  a\r\n\t b  c\u0000 "), "a b c");
});
