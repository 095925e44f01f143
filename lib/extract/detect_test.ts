import assert from "node:assert/strict";
import { detectType } from "./detect.ts";
import { buildPdf } from "../../test/support/fixtures/pdf.ts";
import { buildDocx, buildWorkbook } from "../../test/support/fixtures/office.ts";
import { encodeBmp, encodeGreyPng, encodeTiff } from "../../test/support/fixtures/images.ts";

const fixture = (name: string) =>
  Deno.readFileSync(new URL(`../../test/fixtures/extract/${name}`, import.meta.url));
const grey = { width: 4, height: 4, data: new Uint8Array(16).fill(200) };
const text = (s: string) => new TextEncoder().encode(s);

Deno.test("detectType reads the type from magic bytes whatever the name and declared type say", () => {
  const cases: [Uint8Array, string, string][] = [
    [buildPdf([{ lines: ["x"] }]), "application/pdf", "pdf"],
    [encodeGreyPng(grey), "image/png", "image"],
    [fixture("scan_en.jpg"), "image/jpeg", "image"],
    [fixture("scan_en.gif"), "image/gif", "image"],
    [fixture("scan_en.webp"), "image/webp", "image"],
    [encodeBmp(grey), "image/bmp", "image"],
    [encodeTiff([grey], "deflate"), "image/tiff", "image"],
    [
      buildDocx(["x"]),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "docx",
    ],
    [
      buildWorkbook({ S: [["a"]] }, "xlsx"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "xlsx",
    ],
    [buildWorkbook({ S: [["a"]] }, "xls"), "application/vnd.ms-excel", "xls"],
    [text("{\\rtf1\\ansi hello}"), "application/rtf", "rtf"],
    [text("<!DOCTYPE html><html><body>x</body></html>"), "text/html", "html"],
    [text("From: a@b.c\r\nSubject: x\r\n\r\nbody"), "message/rfc822", "eml"],
    [new Uint8Array([0x78, 0x9f, 0x3e, 0x22, 1, 0, 0]), "application/ms-tnef", "tnef"],
    [new Uint8Array([0, 1, 2, 3, 0, 0, 9]), "application/octet-stream", "unknown"],
  ];
  for (const [bytes, mime, kind] of cases) {
    const got = detectType(bytes, "application/octet-stream", "renamed.bin");
    assert.deepEqual(got, { mime, kind }, `${mime} misdetected as ${got.mime}`);
  }
});

Deno.test("a PNG declared as a PDF is a PNG", () => {
  const got = detectType(encodeGreyPng(grey), "application/pdf", "invoice.pdf");
  assert.equal(got.mime, "image/png");
});

Deno.test("declared type and name only break ties among text flavours and OLE files", () => {
  assert.equal(detectType(text("a;b\n1;2\n"), "text/csv", "x.csv").kind, "csv");
  assert.equal(detectType(text("a;b\n1;2\n"), "text/plain", "notes.txt").kind, "text");
  assert.equal(detectType(text("Hello"), "application/octet-stream", "x.bin").kind, "text");
  const ole = new Uint8Array(512);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  assert.equal(detectType(ole, "application/msword", "a.doc").kind, "doc");
  assert.equal(detectType(ole, "application/octet-stream", "a.xls").kind, "xls");
});
