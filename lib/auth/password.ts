const ITERATIONS = 210_000;
const encoder = new TextEncoder();

/** A PBKDF2-SHA-256 hash with its salt and cost, as kept in memory. */
export interface PasswordHash {
  salt: Uint8Array;
  iterations: number;
  hash: Uint8Array;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Hash a password with a fresh random salt (done once at start for the configured password). */
export async function hashPassword(
  password: string,
  iterations = ITERATIONS,
): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt, iterations, hash: await derive(password, salt, iterations) };
}

/** Compare two byte strings in time independent of where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Constant-time string equality (UTF-8 bytes). */
export function timingSafeEqualString(a: string, b: string): boolean {
  return timingSafeEqual(encoder.encode(a), encoder.encode(b));
}

/** Check a candidate password against a stored hash. */
export async function verifyPassword(candidate: string, stored: PasswordHash): Promise<boolean> {
  const hash = await derive(candidate, stored.salt, stored.iterations);
  return timingSafeEqual(hash, stored.hash);
}

const PREFIX = "pbkdf2-sha256";

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * The stored form of a hash, `pbkdf2-sha256$iterations$salt$hash` (base64): one string that
 * carries its own cost, so raising ITERATIONS later still verifies older hashes.
 */
export function encodePasswordHash(stored: PasswordHash): string {
  return [PREFIX, stored.iterations, toBase64(stored.salt), toBase64(stored.hash)].join("$");
}

/** Read a stored hash; null when it is not one this module wrote (never throws). */
export function decodePasswordHash(text: string): PasswordHash | null {
  const parts = text.split("$");
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^\d{1,9}$/.test(parts[1])) return null;
  try {
    const iterations = Number(parts[1]);
    if (iterations < 1) return null;
    return { iterations, salt: fromBase64(parts[2]), hash: fromBase64(parts[3]) };
  } catch {
    return null;
  }
}

/** Hash a password for storage (the agents table keeps this string). */
export async function hashPasswordForStorage(
  password: string,
  iterations = ITERATIONS,
): Promise<string> {
  return encodePasswordHash(await hashPassword(password, iterations));
}
