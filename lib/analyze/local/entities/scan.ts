/**
 * Dates, amounts and order numbers all hold digits, and each can only start at a few places
 * around a run of digits. Rather than running every pattern over the whole email (most of it
 * words), the text is scanned once for digit runs and each pattern is tried anchored (sticky)
 * only where a match could start. The results are those of a global scan, in the same order.
 */

/** Where each run of ASCII digits (what `\d` matches) starts, ascending. */
export function digitRunStarts(text: string): number[] {
  const starts: number[] = [];
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit && !inRun) starts.push(i);
    inRun = digit;
  }
  return starts;
}

/** A global pattern and its anchored twin, tried only at `lastIndex`. */
export interface DigitPattern {
  global: RegExp;
  anchored: RegExp;
}

export function digitPattern(re: RegExp): DigitPattern {
  return { global: re, anchored: new RegExp(re.source, re.flags.replace("g", "") + "y") };
}

// Trying a pattern at one position costs about as much as a global scan over this many
// characters: in text dense with numbers (tables) the global scan is cheaper.
const CHARS_PER_TRY = 24;

/**
 * The matches of `pattern` in text, as a global scan finds them. `startsOf` gives every position
 * where a match could start, from the digit runs (more positions cost time, never change the
 * result); by default the runs themselves, for patterns that start with their first digit.
 */
export function matchesNearDigits(
  text: string,
  pattern: DigitPattern,
  digits: number[],
  startsOf: (text: string, digits: number[]) => number[] = (_, d) => d,
): RegExpExecArray[] {
  if (digits.length * CHARS_PER_TRY > text.length) return [...text.matchAll(pattern.global)];
  return matchesAt(text, pattern.anchored, startsOf(text, digits));
}

/**
 * The matches a global scan would find, trying `re` (anchored, never matching empty text) only
 * at `starts`.
 */
export function matchesAt(text: string, re: RegExp, starts: number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  // A global scan tries positions in order and resumes after each match.
  for (const p of [...starts].sort((a, b) => a - b)) {
    if (p < from) continue;
    re.lastIndex = p;
    const m = re.exec(text);
    if (m) {
      out.push(m);
      from = p + m[0].length;
    }
  }
  return out;
}
