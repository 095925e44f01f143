import assert from "node:assert/strict";
import { decodeBase64Loose, decodeEncodedWords } from "./rfc2047.ts";

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

Deno.test("decodes Q and B words in any case", () => {
  assert.equal(decodeEncodedWords("=?iso-8859-1?q?Gr=FC=DFe_aus_M=FCnchen?="), "Grüße aus München");
  assert.equal(decodeEncodedWords("=?UTF-8?B?0J/RgNC40LLQtdGC?="), "Привет");
});

Deno.test("drops whitespace between adjacent words (folded headers) but keeps it around text", () => {
  const folded = "Re: =?UTF-8?B?0J/RgNC4?=\r\n =?UTF-8?B?0LLQtdGC?= world";
  assert.equal(decodeEncodedWords(folded.replace(/\r\n/g, "")), "Re: Привет world");
});

Deno.test("joins a multi-byte character split across two base64 words", () => {
  const bytes = new TextEncoder().encode("Жалоба");
  const first = b64(bytes.subarray(0, 3));
  const second = b64(bytes.subarray(3));
  assert.equal(decodeEncodedWords(`=?utf-8?B?${first}?= =?utf-8?B?${second}?=`), "Жалоба");
});

Deno.test("decodes windows-1251, KOI8-R and ISO-2022-JP words", () => {
  assert.equal(decodeEncodedWords("=?windows-1251?B?z/Du4uXw6uA=?="), "Проверка");
  assert.equal(decodeEncodedWords("=?koi8-r?Q?=F0=D2=CF=D7=C5=D2=CB=C1?="), "Проверка");
  assert.equal(decodeEncodedWords("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?="), "テスト");
});

Deno.test("keeps language suffixes, unknown charsets and broken words from throwing", () => {
  assert.equal(decodeEncodedWords("=?utf-8*en?Q?Hello?="), "Hello");
  assert.equal(decodeEncodedWords("=?x-unknown?Q?plain?="), "plain");
  assert.equal(decodeEncodedWords("=?utf-8?B?!!!?="), "");
  assert.equal(decodeEncodedWords("no words here"), "no words here");
  assert.equal(decodeEncodedWords("=?utf-8?Q?unterminated"), "=?utf-8?Q?unterminated");
});

Deno.test("decodeBase64Loose tolerates missing padding and junk", () => {
  assert.equal(new TextDecoder().decode(decodeBase64Loose("aGVsbG8")), "hello");
  assert.equal(new TextDecoder().decode(decodeBase64Loose("aGVs\nbG8=!")), "hello");
});
