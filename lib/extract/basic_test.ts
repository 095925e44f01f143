import assert from "node:assert/strict";
import { decodeText, extractBasic } from "./basic.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** windows-1251 bytes for Russian text (А–я at 0xC0–0xFF, Ё/ё at 0xA8/0xB8, ASCII as is). */
function cp1251(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0x401) return 0xa8;
    if (c === 0x451) return 0xb8;
    throw new Error(`no cp1251 byte for ${ch}`);
  });
}

function utf16le(s: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  const view = new DataView(out.buffer);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) view.setUint16((bom ? 2 : 0) + i * 2, s.charCodeAt(i), true);
  return out;
}

Deno.test("plain UTF-8 text is returned as is, with status done", () => {
  const r = extractBasic("text/plain", "note.txt", utf8("Заказ №123 не доставлен 📦"));
  assert.equal(r.extractedText, "Заказ №123 не доставлен 📦");
  assert.equal(r.extraction?.status, "done");
  assert.equal(r.extraction?.method, "text");
});

Deno.test("a UTF-8 BOM is dropped", () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Привет")]);
  assert.equal(extractBasic("text/plain", "a.txt", bytes).extractedText, "Привет");
});

Deno.test("UTF-16LE with a BOM is decoded", () => {
  const r = extractBasic("text/csv", "orders.csv", utf16le("id;товар\n1;Чайник"));
  assert.equal(r.extractedText, "id;товар\n1;Чайник");
});

Deno.test("a windows-1251 CSV (invalid as UTF-8) falls back and decodes Cyrillic", () => {
  const csv = "Номер;Товар;Сумма\r\n1;Холодильник Ёлка;45000\r\n";
  const r = extractBasic("text/csv", "заказы.csv", cp1251(csv));
  assert.equal(r.extractedText, "Номер;Товар;Сумма\n1;Холодильник Ёлка;45000\n");
  assert.equal(decodeText(cp1251("ёжик")), "ёжик");
});

Deno.test("CRLF and lone CR line ends become LF", () => {
  assert.equal(
    extractBasic("text/plain", "a.txt", utf8("a\r\nb\rc\nd")).extractedText,
    "a\nb\nc\nd",
  );
});

Deno.test("HTML tags are stripped and the text kept", () => {
  const html =
    '<html><body><h1 class="x">Refund</h1><p>Order <b>ZE-1</b> is late</p></body></html>';
  const text = extractBasic("text/html", "page.html", utf8(html)).extractedText;
  assert.ok(!/[<>]/.test(text), text);
  assert.match(text, /Refund/);
  assert.match(text.replace(/\s+/g, " "), /Order ZE-1 is late/);
});

Deno.test("a text file name makes an octet-stream attachment readable", () => {
  const r = extractBasic("application/octet-stream", "LOG.TXT", utf8("error 42"));
  assert.equal(r.extractedText, "error 42");
});

Deno.test("binary types are skipped with a reason naming the type", () => {
  for (const type of ["application/pdf", "image/png", "application/zip"]) {
    const r = extractBasic(type, "file.bin", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]));
    assert.equal(r.extractedText, "");
    assert.equal(r.extraction?.status, "skipped");
    assert.match(r.extraction?.reason ?? "", new RegExp(type.replace("/", "\\/")));
  }
});

Deno.test("text is cut at maxChars", () => {
  const r = extractBasic("text/plain", "a.txt", utf8("я".repeat(1000)), 100);
  assert.equal(r.extractedText, "я".repeat(100));
  assert.equal(
    extractBasic("text/plain", "a.txt", utf8("x".repeat(300_000))).extractedText.length,
    200_000,
  );
});

Deno.test("an empty text file gives empty text, not an error", () => {
  const r = extractBasic("text/plain", "empty.txt", new Uint8Array(0));
  assert.equal(r.extractedText, "");
  assert.equal(r.extraction?.status, "done");
});

Deno.test("UTF-16BE with a BOM is decoded", () => {
  const le = utf16le("Жалоба", false);
  const be = new Uint8Array(2 + le.length);
  be.set([0xfe, 0xff]);
  for (let i = 0; i < le.length; i += 2) be.set([le[i + 1], le[i]], 2 + i);
  assert.equal(extractBasic("text/plain", "a.txt", be).extractedText, "Жалоба");
});

Deno.test({
  name: "HTML text leaves out script and style contents and decodes entities",
  fn() {
    const html = "<html><head><style>p{color:red}</style><script>var secret=1;</script></head>" +
      "<body><p>Tom &amp; Jerry &lt;3 &#1046;</p></body></html>";
    const text = extractBasic("text/html", "a.html", utf8(html)).extractedText;
    assert.ok(!text.includes("color:red"), text);
    assert.ok(!text.includes("secret"), text);
    assert.match(text, /Tom & Jerry <3 Ж/);
  },
});
