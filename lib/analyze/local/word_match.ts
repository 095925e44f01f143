/**
 * Whole-word tests for the co-occurrence readers (impact, cause, delay, digital faults). A
 * pattern that opens with a look-behind (`(?<!\p{L})…`) makes the engine run it at every
 * character; the same pattern without it lets the engine skip to where its first letters occur,
 * and the rare matches are then checked for a word start here. Same matches, a fraction of the
 * time.
 */

const LETTER = /\p{L}/u;
/** Letters and digits: for patterns that must not start inside a number either ("12 payments"). */
export const LETTER_OR_DIGIT = /[\p{L}\d]/u;

/**
 * Whether `re` (which must carry the "g" flag and no leading look-behind) matches in `text` at
 * the start of a word: at index 0 or after a character that is not a letter (`inWord` says which
 * characters continue a word).
 */
export function matchesAtWord(re: RegExp, text: string, inWord = LETTER): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0 || !inWord.test(text[m.index - 1])) return true;
    // A match inside a word may hide one that starts at the next word: try again after it.
    re.lastIndex = m.index + 1;
  }
  return false;
}

/** The first match of `re` (flags as for `matchesAtWord`) that starts a word, or null. */
export function execAtWord(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0 || !LETTER.test(text[m.index - 1])) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
}
