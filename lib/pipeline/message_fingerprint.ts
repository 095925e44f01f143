import { createHash } from "node:crypto";
import { readHeaderBlock } from "../mime/header_block.ts";

/**
 * Headers the author's mail program writes. Relays add or rewrite others on the way (Received,
 * Return-Path, Delivered-To, DKIM/ARC signatures, Authentication-Results, X-*), so the same
 * message arriving twice differs only outside this list.
 */
const ORIGIN_HEADERS = new Set([
  "from",
  "sender",
  "reply-to",
  "to",
  "cc",
  "subject",
  "date",
  "message-id",
  "in-reply-to",
  "references",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
]);

/**
 * SHA-256 of what identifies a message whatever path it took: its origin headers (values with
 * folding white space collapsed) and its body with line endings and trailing white space made
 * uniform. Two copies of one message match; two messages that merely share a Message-ID do not.
 */
export function messageFingerprint(raw: Uint8Array): string {
  const block = readHeaderBlock(raw);
  const hash = createHash("sha256");
  const origin = block.headers
    .filter((h) => ORIGIN_HEADERS.has(h.name))
    .map((h) => `${h.name}:${h.raw.replace(/\s+/g, " ").trim()}`)
    .sort();
  hash.update(origin.join("\n"), "latin1");
  hash.update("\n\n");
  hash.update(normalizedBody(raw.subarray(block.bodyStart)));
  return hash.digest("hex");
}

/** Body bytes with CR dropped before LF, trailing spaces/tabs of each line and trailing blank lines removed. */
function normalizedBody(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  let n = 0;
  let lineEnd = 0; // length of `out` without the current line's trailing white space
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b === 0x0d && body[i + 1] === 0x0a) continue;
    if (b === 0x0a) {
      n = lineEnd;
      out[n++] = b;
      lineEnd = n;
      continue;
    }
    out[n++] = b;
    if (b !== 0x20 && b !== 0x09) lineEnd = n;
  }
  n = lineEnd;
  while (n > 0 && out[n - 1] === 0x0a) n--;
  return out.subarray(0, n);
}
