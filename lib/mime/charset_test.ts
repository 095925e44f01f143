import assert from "node:assert/strict";
import {
  decoderFor,
  decodeText,
  decodeUtf7,
  guessLegacyCharset,
  normalizeCharset,
  pickCharset,
} from "./charset.ts";

const RU = "Здравствуйте, прошу вернуть деньги за заказ";

function encode(label: string, text: string): Uint8Array {
  // Build legacy bytes by inverting the decoder over all byte values (single-byte charsets).
  const decoder = new TextDecoder(label);
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(new Uint8Array([b])), b);
  return new Uint8Array([...text].map((ch) => {
    const b = map.get(ch);
    if (b === undefined) throw new Error(`${ch} not in ${label}`);
    return b;
  }));
}

Deno.test("normalizeCharset maps mail labels to decoder labels", () => {
  assert.equal(normalizeCharset("CP-1251"), "windows-1251");
  assert.equal(normalizeCharset('"win1251"'), "windows-1251");
  assert.equal(normalizeCharset("x-sjis"), "shift_jis");
  assert.equal(normalizeCharset("GB2312"), "gbk");
  assert.equal(normalizeCharset("unicode-1-1-utf-7"), "utf-7");
  assert.equal(normalizeCharset("utf-8*en"), "utf-8");
  assert.equal(normalizeCharset("ISO_8859-5"), "iso-8859-5");
  assert.equal(normalizeCharset("UTF-8 Content-Transfer-Encoding: 7bit"), "utf-8");
  assert.equal(normalizeCharset("cp866"), "ibm866");
});

Deno.test("decoderFor knows the legacy charsets mail uses and rejects nonsense", () => {
  for (
    const label of [
      "windows-1251",
      "koi8-r",
      "iso-2022-jp",
      "iso-8859-2",
      "gbk",
      "shift_jis",
      "big5",
      "utf-7",
    ]
  ) {
    assert.ok(decoderFor(label), label);
  }
  assert.equal(decoderFor("x-no-such-charset"), null);
});

Deno.test("decodeText honours declared windows-1251 and KOI8-R", () => {
  assert.equal(decodeText(encode("windows-1251", RU), "windows-1251").text, RU);
  assert.equal(decodeText(encode("koi8-r", RU), "koi8-r").text, RU);
});

Deno.test("decodeText guesses undeclared Cyrillic by letter case distribution", () => {
  assert.equal(guessLegacyCharset(encode("windows-1251", RU)), "windows-1251");
  assert.equal(guessLegacyCharset(encode("koi8-r", RU)), "koi8-r");
  assert.equal(decodeText(encode("koi8-r", RU)).text, RU);
  assert.equal(guessLegacyCharset(encode("windows-1252", "Grüße aus München")), "windows-1252");
});

Deno.test("decodeText replaces a false utf-8 or us-ascii label and says so", () => {
  const bad = decodeText(encode("windows-1251", RU), "utf-8");
  assert.equal(bad.text, RU);
  assert.match(bad.warning ?? "", /invalid UTF-8/);
  const ascii = decodeText(encode("windows-1251", RU), "us-ascii");
  assert.equal(ascii.text, RU);
  assert.match(ascii.warning ?? "", /us-ascii/);
  const unknown = decodeText(new TextEncoder().encode("plain"), "x-bogus");
  assert.equal(unknown.text, "plain");
  assert.match(unknown.warning ?? "", /unknown charset/);
});

Deno.test("decodeText reads ISO-2022-JP declared or detected by its escapes", () => {
  // "テスト" in ISO-2022-JP
  const bytes = new Uint8Array([
    0x1b,
    0x24,
    0x42,
    0x25,
    0x46,
    0x25,
    0x39,
    0x25,
    0x48,
    0x1b,
    0x28,
    0x42,
  ]);
  assert.equal(decodeText(bytes, "iso-2022-jp").text, "テスト");
  assert.equal(decodeText(bytes).text, "テスト");
});

Deno.test("pickCharset prefers a declared multi-byte charset that decodes cleanly", () => {
  const gbk = new Uint8Array([0xd7, 0xaa, 0xb7, 0xa2]); // 转发
  assert.equal(pickCharset(gbk, ["iso-8859-1", "gb2312"]), "gbk");
  assert.equal(decodeText(gbk, undefined, ["iso-8859-1", "gb2312"]).text, "转发");
  const sjis = new Uint8Array([0x83, 0x63, 0x81, 0x5b, 0x83, 0x8b]); // ツール
  assert.equal(decodeText(sjis, undefined, ["iso-2022-jp"]).text, "ツール");
  assert.equal(pickCharset(encode("koi8-r", RU), ["iso-8859-1", "koi8-r"]), "koi8-r");
});

Deno.test("decodeUtf7 decodes shifted runs and the +- escape", () => {
  const bytes = new TextEncoder().encode("Hi Mom -+Jjo--! 1 +- 1 +AKM-1");
  assert.equal(decodeUtf7(bytes), "Hi Mom -☺-! 1 + 1 £1");
  assert.equal(
    decodeText(new TextEncoder().encode("+ANw-bermittlung"), "utf-7").text,
    "Übermittlung",
  );
});
