import assert from "node:assert/strict";
import {
  headerFieldFollows,
  isHeaderFieldLine,
  latin1,
  mboxFromLineLength,
  readHeaderBlock,
} from "./header_block.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("reads unfolded headers up to the blank line", () => {
  const block = readHeaderBlock(enc("From: a@b.kz\r\nSubject: one\r\n two\r\n\r\nbody"));
  assert.deepEqual(block.headers.map((h) => [h.name, h.raw.trim()]), [["from", "a@b.kz"], [
    "subject",
    "one two",
  ]]);
  assert.equal(block.terminated, true);
  assert.equal(block.bodyStart, "From: a@b.kz\r\nSubject: one\r\n two\r\n\r\n".length);
});

Deno.test("a missing blank line ends the block at the first non-header line", () => {
  const block = readHeaderBlock(enc("From: a@b.kz\nSubject: x\nHello, my order is late.\nThanks"));
  assert.equal(block.terminated, false);
  assert.equal(block.strayLineAt, "From: a@b.kz\nSubject: x\n".length);
});

Deno.test("an unindented continuation between headers is tolerated, not a body start", () => {
  const block = readHeaderBlock(enc("X-Long: abc\ndef-no-colon\nSubject: s\n\nbody"));
  assert.equal(block.terminated, true);
  assert.equal(block.strayLineAt, undefined);
  assert.deepEqual(block.headers.map((h) => h.name), ["x-long", "subject"]);
});

Deno.test("skips an mbox From_ line and keeps 8-bit bytes as latin1", () => {
  const raw = new Uint8Array([...enc("From x@y Mon Jan 1\nSubject: "), 0xcf, 0xf0, ...enc("\n\n")]);
  assert.equal(mboxFromLineLength(raw), "From x@y Mon Jan 1\n".length);
  const block = readHeaderBlock(raw);
  assert.equal(block.headers[0].raw, " \u00cf\u00f0");
  assert.equal(latin1(new Uint8Array([0x41, 0xff])), "A\u00ff");
});

Deno.test("headerFieldFollows looks for a header field before the next blank or boundary line", () => {
  const bytes = enc("stray\r\nmore text\r\nContent-Type: x\r\n\r\nbody");
  assert.equal(headerFieldFollows(bytes, 0), true);
  assert.equal(headerFieldFollows(enc("stray\r\n\r\nContent-Type: x\r\n"), 0), false);
  assert.equal(headerFieldFollows(enc("stray\r\n--b--\r\nContent-Type: x\r\n"), 0), false);
  assert.equal(headerFieldFollows(enc("stray"), 0), false);
  assert.equal(isHeaderFieldLine("Content-Type: text/plain"), true);
  assert.equal(isHeaderFieldLine("My order 12345: broken"), false);
});
