/**
 * Whole-word tests for the co-occurrence readers (impact, cause, delay, digital faults). A
 * pattern that opens with a look-behind (`(?<!\p{L})…`) makes the engine run it at every
 * character; the same pattern without it lets the engine skip to where its first letters occur,
 * and the rare matches are then checked for a word start here. Same matches, a fraction of the
 * time.
 */

const LETTER = /\p{L}/u;

/**
 * How much of a letter the co-occurrence readers read: the matter is told at the start, and a
 * pasted log or table further down holds no such claim (and would only cost time).
 */
export const READ_CHARS = 4000;

/** The start of a letter the readers read (`READ_CHARS`). */
export function headOf(text: string): string {
  return text.slice(0, READ_CHARS);
}

/** Rough sentences: split at sentence marks and line ends (a pair must share one). */
export function sentencesOf(text: string): string[] {
  return text.split(/[.!?\n]+/);
}
/** Letters and digits: for patterns that must not start inside a number either ("12 payments"). */
export const LETTER_OR_DIGIT = /[\p{L}\d]/u;

/**
 * Whether `re` (which must carry the "g" flag and no leading look-behind) matches in `text` at
 * the start of a word: at index 0 or after a character that is not a letter (`inWord` says which
 * characters continue a word).
 */
export function matchesAtWord(re: RegExp, text: string, inWord = LETTER): boolean {
  return execAtWord(re, text, inWord) !== null;
}

/** The first match of `re` (flags as for `matchesAtWord`) that starts a word, or null. */
export function execAtWord(re: RegExp, text: string, inWord = LETTER): RegExpExecArray | null {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0 || !inWord.test(text[m.index - 1])) return m;
    // A match inside a word may hide one that starts at the next word: try again after it.
    re.lastIndex = m.index + 1;
  }
  return null;
}
