import assert from "node:assert/strict";
import {
  attachmentBlobKey,
  complaintMessageId,
  ingestKey,
  messageIdKey,
  outboxBlobKey,
  rawBlobKey,
  reusedMessageIdKey,
  sourceOfKey,
} from "./keys.ts";

const SHA = "ab".repeat(32);

Deno.test("a message is claimed by its Message-ID, else by its SHA-256; manual ones apart", () => {
  assert.equal(ingestKey("email", "x@y.test", SHA), "mid:x@y.test");
  assert.equal(ingestKey("email", undefined, SHA), `sha:${SHA}`);
  assert.equal(ingestKey("manual", "x@y.test", SHA), "manual:mid:x@y.test");
  assert.equal(ingestKey("email", "x@y.test", SHA), messageIdKey("x@y.test"));
});

Deno.test("the source is read back from any key, reused-id keys included", () => {
  assert.equal(sourceOfKey(ingestKey("manual", undefined, SHA)), "manual");
  assert.equal(sourceOfKey(reusedMessageIdKey(ingestKey("email", "x@y", SHA), SHA)), "email");
  assert.equal(sourceOfKey(reusedMessageIdKey(ingestKey("manual", "x@y", SHA), SHA)), "manual");
});

Deno.test("a reused Message-ID's key differs by content and never equals the first claim's", () => {
  const first = messageIdKey("x@y.test");
  const a = reusedMessageIdKey(first, "1".repeat(64));
  const b = reusedMessageIdKey(first, "2".repeat(64));
  assert.notEqual(a, first);
  assert.notEqual(a, b);
  assert.ok(a.startsWith(first));
});

Deno.test("blob keys shard raws and attachments by the first two hex digits", () => {
  assert.equal(rawBlobKey(SHA), `raw/ab/${SHA}.eml`);
  assert.equal(attachmentBlobKey(SHA), `att/ab/${SHA}`);
});

Deno.test("a complaint is stored under its Message-ID, a reused one's plus its fingerprint, or its SHA-256", () => {
  const claim = { key: messageIdKey("x@y"), messageId: "x@y", sha256: SHA };
  assert.equal(complaintMessageId(claim), "x@y");
  assert.equal(complaintMessageId({ ...claim, messageId: undefined }), `sha256:${SHA}`);
  const reused = {
    ...claim,
    key: reusedMessageIdKey(claim.key, "f".repeat(64)),
    messageIdReuseOf: claim.key,
  };
  assert.equal(complaintMessageId(reused), `x@y#${"f".repeat(32)}`);
});

Deno.test("an outbox key is a valid blob key under outbox/ for any Message-ID, even a hostile one", () => {
  assert.equal(outboxBlobKey("abc-1@support.example.com"), "outbox/mabc-1_support.example.com.eml");
  const hostile = outboxBlobKey("../../etc/passwd\r\nX: y@x");
  assert.match(hostile, /^outbox\/[A-Za-z0-9._-]+\.eml$/);
  assert.ok(!hostile.slice("outbox/".length).includes("/"));
});
