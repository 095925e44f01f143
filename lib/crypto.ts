import { createHash } from "node:crypto";

/**
 * Hex SHA-256 of bytes or a UTF-8 string. Node's synchronous hash: WebCrypto's async digest
 * costs a thread hop per call, which dominated hashing small emails.
 */
export function sha256Hex(data: Uint8Array | string): Promise<string> {
  return Promise.resolve(createHash("sha256").update(data).digest("hex"));
}

/** Compare two strings in time independent of where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** A time-sortable, URL-safe id: 10 chars of milliseconds then 10 random chars (Crockford base32). */
export function newId(now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rand = crypto.getRandomValues(new Uint8Array(10));
  return time + Array.from(rand, (b) => ALPHABET[b % 32]).join("");
}
