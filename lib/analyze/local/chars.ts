/**
 * Unicode character classes of code points, as the regex engine defines them (`\p{L}`, `\p{N}`,
 * `\s`), for hand-written scanners that must agree with the regexes exactly.
 */

/** A word character: `\p{L}` or `\p{N}`. */
export const WORD_CHAR = 1;
/** A letter: `\p{L}`. */
export const LETTER = 2;

const WORD_CHAR_RE = /^[\p{L}\p{N}]$/u;
const LETTER_RE = /^\p{L}$/u;

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (WORD_CHAR_RE.test(ch) ? WORD_CHAR : 0) | (LETTER_RE.test(ch) ? LETTER : 0);
}

/**
 * The classes of the code points most mail is written in (Latin, Cyrillic, punctuation): below
 * `TABLED` a UTF-16 unit is looked up here instead of asking the regex engine; rarer scripts are
 * classified as they come (`classOf`).
 */
export const TABLED = 0x3000;
export const CLASSES: Readonly<Uint8Array> = Uint8Array.from(
  { length: TABLED },
  (_, cp) => classify(cp),
);

/** `WORD_CHAR` and `LETTER` bits of a code point. */
export function classOf(cp: number): number {
  return cp < TABLED ? CLASSES[cp] : classify(cp);
}

/** The code point that ends just before `i` (a whole surrogate pair when there is one). */
export function codePointBefore(text: string, i: number): number {
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2)!;
  }
  return low;
}

/** Where the run of letters (`\p{L}`) that ends at `end` starts (`end` when there is none). */
export function letterRunStart(text: string, end: number): number {
  let i = end;
  while (i > 0) {
    const cp = codePointBefore(text, i);
    if (!(classOf(cp) & LETTER)) break;
    i -= cp > 0xffff ? 2 : 1;
  }
  return i;
}

const SPACE_RE = /\s/;

/** Whether the UTF-16 unit at i is whitespace as `\s` means it. */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && SPACE_RE.test(text[i]);
}
