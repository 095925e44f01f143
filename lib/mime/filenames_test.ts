import assert from "node:assert/strict";
import { attachmentName, forwardedMessageName } from "./filenames.ts";

Deno.test("keeps a decoded name but only its last path segment, without control chars", () => {
  const counters = new Map<string, number>();
  assert.equal(attachmentName("претензия.rtf", "application/rtf", counters), "претензия.rtf");
  assert.equal(attachmentName("C:\\Users\\me\\scan.pdf", "application/pdf", counters), "scan.pdf");
  assert.equal(attachmentName("../../etc/passwd\u0000", "text/plain", counters), "passwd");
});

Deno.test("generates numbered names by kind when none is given", () => {
  const counters = new Map<string, number>();
  assert.equal(attachmentName("", "image/png", counters), "image-1.png");
  assert.equal(attachmentName("", "image/jpeg", counters), "image-2.jpg");
  assert.equal(attachmentName("", "application/octet-stream", counters), "attachment-1.bin");
  assert.equal(attachmentName("..", "application/pdf", counters), "attachment-2.pdf");
  assert.equal(attachmentName("", "message/rfc822", counters), "message-1.eml");
});

Deno.test("a forwarded message is named after its whole subject, slashes included", () => {
  const counters = new Map<string, number>();
  const name = forwardedMessageName("Invoice 2024/117 charged twice");
  assert.equal(name, "Invoice 2024_117 charged twice.eml");
  assert.equal(attachmentName(name, "message/rfc822", counters), name);
  assert.equal(forwardedMessageName("a\\b"), "a_b.eml");
  assert.equal(forwardedMessageName(""), "");
});
