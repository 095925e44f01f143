import assert from "node:assert/strict";
import { attachmentText, isTextAttachment, loadEmail } from "./load.ts";

Deno.test("text attachments are told from binary ones by type or name", () => {
  assert.ok(isTextAttachment("text/csv", "a.csv"));
  assert.ok(isTextAttachment("application/octet-stream", "log.txt"));
  assert.ok(!isTextAttachment("application/pdf", "a.pdf"));
  assert.ok(!isTextAttachment("text/rtf", "a.rtf"));
});

Deno.test("attachment text is decoded from legacy Cyrillic charsets", () => {
  const cp1251 = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет"
  assert.equal(attachmentText("text/plain", cp1251), "Привет");
  assert.equal(attachmentText("text/html", new TextEncoder().encode("<b>hi</b>")), " hi ");
});

Deno.test("loadEmail gives the analyzer input and sorts attachments by readability", async () => {
  const raw = [
    "From: A <a@example.com>",
    "Subject: Test",
    "Date: Tue, 04 Mar 2025 10:00:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Body text",
    "--b",
    'Content-Type: text/csv; name="s.csv"',
    'Content-Disposition: attachment; filename="s.csv"',
    "",
    "1;ORDER AB-2025-000001",
    "--b",
    'Content-Type: application/pdf; name="x.pdf"',
    'Content-Disposition: attachment; filename="x.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    "JVBERi0xLjQK",
    "--b--",
    "",
  ].join("\r\n");
  const e = await loadEmail("t.eml", new TextEncoder().encode(raw));
  assert.equal(e.input.subject, "Test");
  assert.match(e.input.body, /Body text/);
  assert.equal(e.input.from, "a@example.com");
  assert.equal(e.input.receivedAt.slice(0, 10), "2025-03-04");
  assert.deepEqual(e.textAttachments, ["s.csv"]);
  assert.deepEqual(e.binaryAttachments, ["x.pdf"]);
  assert.match(e.input.attachmentsText[0], /AB-2025-000001/);
});
