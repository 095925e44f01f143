import assert from "node:assert/strict";
import {
  decodePasswordHash,
  encodePasswordHash,
  hashPassword,
  hashPasswordForStorage,
  timingSafeEqual,
  timingSafeEqualString,
  verifyPassword,
} from "./password.ts";

Deno.test("verifyPassword accepts the hashed password and refuses others", async () => {
  const stored = await hashPassword("correct horse", 1000);
  assert.equal(await verifyPassword("correct horse", stored), true);
  assert.equal(await verifyPassword("correct hors", stored), false);
  assert.equal(await verifyPassword("", stored), false);
});

Deno.test("hashPassword salts randomly so equal passwords hash differently", async () => {
  const a = await hashPassword("same", 1000);
  const b = await hashPassword("same", 1000);
  assert.notDeepEqual(a.salt, b.salt);
  assert.notDeepEqual(a.hash, b.hash);
  assert.equal(a.hash.length, 32);
});

Deno.test("timingSafeEqual compares content and length", () => {
  assert.ok(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
  assert.ok(!timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
  assert.ok(!timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0])));
  assert.ok(timingSafeEqualString("tökén", "tökén"));
  assert.ok(!timingSafeEqualString("a", "b"));
});

Deno.test("a stored hash string round-trips and still verifies; garbage decodes to null", async () => {
  const text = await hashPasswordForStorage("correct horse", 1000);
  assert.match(text, /^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  const decoded = decodePasswordHash(text)!;
  assert.equal(await verifyPassword("correct horse", decoded), true);
  assert.equal(await verifyPassword("wrong horse", decoded), false);
  assert.equal(encodePasswordHash(decoded), text);
  for (
    const bad of ["", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$0$AA==$AA=="]
  ) {
    assert.equal(decodePasswordHash(bad), null, bad);
  }
  assert.equal(decodePasswordHash("pbkdf2-sha256$10$!!$AA=="), null, "bad base64");
});
