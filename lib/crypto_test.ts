import assert from "node:assert/strict";
import { newId, sha256Hex, timingSafeEqual } from "./crypto.ts";

Deno.test("sha256Hex matches the FIPS 180-2 test vectors", async () => {
  assert.equal(
    await sha256Hex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    await sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});

Deno.test("sha256Hex hashes a string as its UTF-8 bytes", async () => {
  const text = "Жалоба 💥";
  assert.equal(await sha256Hex(text), await sha256Hex(new TextEncoder().encode(text)));
});

Deno.test("sha256Hex of a subarray hashes only the viewed bytes", async () => {
  const whole = new TextEncoder().encode("xxabcxx");
  assert.equal(await sha256Hex(whole.subarray(2, 5)), await sha256Hex("abc"));
});

Deno.test("timingSafeEqual is true only for identical strings", () => {
  assert.equal(timingSafeEqual("secret-token", "secret-token"), true);
  assert.equal(timingSafeEqual("", ""), true);
  assert.equal(timingSafeEqual("secret-token", "secret-tokeN"), false);
  assert.equal(timingSafeEqual("secret-token", "secret-token-longer"), false);
  assert.equal(timingSafeEqual("secret", ""), false);
  assert.equal(timingSafeEqual("", "secret"), false);
  assert.equal(timingSafeEqual("пароль", "пароль"), true);
  assert.equal(timingSafeEqual("пароль", "паролъ"), false);
});

Deno.test("timingSafeEqual is false when one string is the other plus NUL bytes", () => {
  assert.equal(timingSafeEqual("abc", "abc\0"), false);
  assert.equal(timingSafeEqual("abc\0\0", "abc"), false);
});

Deno.test("newId is 20 URL-safe characters", () => {
  assert.match(newId(), /^[0-9a-z]{20}$/);
});

Deno.test("newId sorts by time as a plain string", () => {
  const times = [0, 1, 31, 32, 1_000, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1) + 1, Date.now()];
  const ids = times.map((t) => newId(t));
  assert.deepEqual([...ids].sort(), ids);
  assert.ok(newId(Date.UTC(2030, 0, 1)) > newId(Date.UTC(2029, 11, 31, 23, 59, 59, 999)));
});

Deno.test("newId is unique even within the same millisecond", () => {
  const now = Date.now();
  const ids = new Set(Array.from({ length: 20_000 }, () => newId(now)));
  assert.equal(ids.size, 20_000);
  for (const id of ids) assert.equal(id.slice(0, 10), newId(now).slice(0, 10));
});
