import assert from "node:assert/strict";
import { messageFingerprint } from "./message_fingerprint.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const MAIL = [
  "From: Aida <aida@example.test>",
  "To: support@example.test",
  "Subject: Broken kettle",
  "Date: Mon, 07 Sep 2026 10:00:00 +0500",
  "Message-ID: <k-1@example.test>",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "My kettle broke after two days.",
  "",
].join("\r\n");

Deno.test("a message relayed again (trace headers added, line endings and trailing spaces changed) keeps its fingerprint", () => {
  const relayed = [
    "Received: from relay2.test by mx.test; Mon, 07 Sep 2026 10:01:00 +0500",
    "Return-Path: <aida@example.test>",
    "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; b=abc",
    "X-Spam-Score: 0.1",
    MAIL.replaceAll("\r\n", "\n").replace("two days.", "two days.   ") + "\n\n",
  ].join("\n");
  assert.equal(messageFingerprint(enc(relayed)), messageFingerprint(enc(MAIL)));
});

Deno.test("folding an origin header differently keeps the fingerprint", () => {
  const folded = MAIL.replace("Subject: Broken kettle", "Subject: Broken\r\n  kettle");
  assert.equal(messageFingerprint(enc(folded)), messageFingerprint(enc(MAIL)));
});

Deno.test("another body, sender, subject or date under the same Message-ID changes the fingerprint", () => {
  const base = messageFingerprint(enc(MAIL));
  for (
    const other of [
      MAIL.replace("two days", "three days"),
      MAIL.replace("aida@example.test", "bob@example.test"),
      MAIL.replace("Broken kettle", "Broken toaster"),
      MAIL.replace("10:00:00", "11:00:00"),
    ]
  ) {
    assert.notEqual(messageFingerprint(enc(other)), base, other);
  }
});
