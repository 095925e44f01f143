import { decodeText } from "./charset.ts";
import { decodeEncodedWords } from "./rfc2047.ts";

/** Latin1-mapped header bytes → text: raw 8-bit decoded (UTF-8, else `hint`, else guessed), then RFC 2047. */
export function decodeHeaderValue(latin1Value: string, candidates: string[] = []): string {
  let text = latin1Value;
  if (/[\x80-\xff]/.test(latin1Value)) {
    const bytes = new Uint8Array(latin1Value.length);
    for (let i = 0; i < latin1Value.length; i++) bytes[i] = latin1Value.charCodeAt(i);
    text = decodeText(bytes, undefined, candidates).text;
  }
  return decodeEncodedWords(text);
}

/** Collapses whitespace runs (folding, tabs, stray CR/LF) to single spaces and trims. */
export function normalizeSpace(value: string): string {
  // deno-lint-ignore no-control-regex -- NUL/control bytes from untrusted mail are removed on purpose
  return value.replace(/[\s\u0000]+/g, " ").trim();
}

/** The legacy charsets the message declares anywhere, in order (used to read raw 8-bit headers and bodies). */
export function declaredCharsets(latin1Text: string): string[] {
  // Only ASCII matters to the pattern, so any single-byte reading of the bytes will do.
  const out: string[] = [];
  for (const m of latin1Text.matchAll(/charset\s*=\s*["']?([A-Za-z][A-Za-z0-9_.:-]*)/gi)) {
    const label = m[1].toLowerCase();
    if (!/^(?:us-ascii|ascii|utf-?8|utf-?7)$/.test(label) && !out.includes(label)) out.push(label);
  }
  return out;
}
