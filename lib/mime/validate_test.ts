import assert from "node:assert/strict";
import { checkRawEmail, parseDate, scanHeaders, stripAngles } from "./validate.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("checkRawEmail accepts a normal message", () => {
  assert.deepEqual(checkRawEmail(enc("From: a@b.kz\r\nSubject: hi\r\n\r\nbody")), { ok: true });
  assert.deepEqual(checkRawEmail(enc("Received: from x\r\n\tby y\r\n\r\n")), { ok: true });
});

Deno.test("checkRawEmail rejects empty input", () => {
  assert.deepEqual(checkRawEmail(new Uint8Array(0)), { ok: false, reason: "empty body" });
});

Deno.test("checkRawEmail rejects binary garbage, JSON and an HTML page", () => {
  const garbage = new Uint8Array(4096);
  let seed = 7;
  for (let i = 0; i < garbage.length; i++) {
    garbage[i] = (seed = (seed * 1103515245 + 12345) >>> 0) & 0xff;
  }
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  for (
    const input of [
      garbage,
      png,
      enc('{"from": "a@b.kz", "subject": "x"}'),
      enc("<!DOCTYPE html>\n<html><head><title>x</title></head></html>"),
    ]
  ) {
    const result = checkRawEmail(input);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /^not an RFC 822 message: /);
  }
});

Deno.test("checkRawEmail needs a header a real message has", () => {
  const result = checkRawEmail(enc("X-Foo: bar\r\nX-Baz: qux\r\n\r\nbody"));
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, /no From\/Subject/);
});

Deno.test("checkRawEmail looks only at the first 64 KB", () => {
  const big = new Uint8Array(50 * 1024 * 1024);
  big.set(enc("From: a@b.kz\r\n\r\n"));
  const start = performance.now();
  assert.deepEqual(checkRawEmail(big), { ok: true });
  assert.ok(performance.now() - start < 200);
});

Deno.test("scanHeaders decodes the few headers it reads", () => {
  const raw = new Uint8Array([
    ...enc("Message-ID:  <abc@host.kz> \r\nFrom: =?utf-8?B?0JjQstCw0L0=?= <Ivan@Mail.ru>\r\n"),
    ...enc(
      "Subject: =?koi8-r?Q?=F0=D2=CF=D7=C5=D2=CB=C1?=\r\n  folded\r\nDate: Tue, 1 Sep 2026 10:00:00 +0500 (ALMT)\r\n\r\nbody",
    ),
  ]);
  assert.deepEqual(scanHeaders(raw), {
    messageId: "abc@host.kz",
    from: "Ivan@Mail.ru",
    subject: "Проверка folded",
    date: "2026-09-01T05:00:00.000Z",
  });
  assert.deepEqual(scanHeaders(enc("nothing here")), {});
});

Deno.test("stripAngles and parseDate handle the odd forms", () => {
  assert.equal(stripAngles(" <x@y> "), "x@y");
  assert.equal(stripAngles("bare@id"), "bare@id");
  assert.equal(parseDate("not a date"), undefined);
  assert.equal(parseDate("Wed, 7 Jan 2015 18:25:29 +0100 (CET)"), "2015-01-07T17:25:29.000Z");
});
