import assert from "node:assert/strict";
import { contentDisposition } from "./content_disposition.ts";

/** Parse the RFC 6266 header back: the ASCII fallback and the decoded filename*. */
function parseDisposition(header: string) {
  const m = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([^;\s]*)$/.exec(header);
  assert.ok(m, header);
  return { fallback: m[1], name: decodeURIComponent(m[2]), encoded: m[2] };
}

Deno.test("a Cyrillic name with quotes keeps a safe ASCII fallback and the exact UTF-8 name", () => {
  const name = 'Отчёт "итог" 2026\\09.pdf';
  const d = parseDisposition(contentDisposition(name));
  assert.equal(d.name, name);
  assert.match(d.fallback, /^[\x20-\x7e]+$/);
  assert.ok(!d.fallback.includes('"') && !d.fallback.includes("\\"), d.fallback);
  assert.match(d.fallback, /2026_09\.pdf$/);
});

Deno.test("a plain ASCII name is its own fallback", () => {
  const d = parseDisposition(contentDisposition("invoice 42.pdf"));
  assert.equal(d.fallback, "invoice 42.pdf");
  assert.equal(d.name, "invoice 42.pdf");
});

Deno.test("an empty name falls back to 'attachment'", () => {
  assert.equal(parseDisposition(contentDisposition("")).fallback, "attachment");
});

Deno.test("CR/LF in a name cannot split the header", () => {
  const header = contentDisposition("a\r\nSet-Cookie: x=1.txt");
  assert.ok(!/[\r\n]/.test(header), header);
  assert.doesNotThrow(() => new Headers({ "content-disposition": header }));
});

Deno.test("filename* holds only RFC 5987 attr-chars, even for ' ( ) *", () => {
  const d = parseDisposition(contentDisposition("O'Brien (копия)*.pdf"));
  assert.match(d.encoded, /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
  assert.equal(d.name, "O'Brien (копия)*.pdf");
});
