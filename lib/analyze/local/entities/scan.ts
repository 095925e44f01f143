/**
 * Dates, amounts and order numbers all hold digits, and each can only start at a few places
 * around a run of digits. Rather than running every pattern over the whole email (most of it
 * words), the text is scanned once for digit runs and each pattern is tried anchored (sticky)
 * only where a match could start. The results are those of a global scan, in the same order.
 */

const DIGIT = /\d/g;

/** Where each run of ASCII digits (what `\d` matches) starts, ascending. */
export function digitRunStarts(text: string): number[] {
  const starts: number[] = [];
  // The regex engine finds the next digit faster than a loop over every character.
  DIGIT.lastIndex = 0;
  while (DIGIT.test(text)) {
    const start = DIGIT.lastIndex - 1;
    starts.push(start);
    DIGIT.lastIndex = digitRunEnd(text, start);
  }
  return starts;
}

/** Where the run of digits that starts at `start` ends. */
export function digitRunEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c < 48 || c > 57) break;
    end++;
  }
  return end;
}

/**
 * For a pattern that opens with `\d{min,max}` and then needs a character `next` accepts: the
 * runs of that many digits followed by such a character (a cheap necessary condition, so the
 * pattern is not tried at every number of the text).
 */
export function runsWhere(
  min: number,
  max: number,
  next: (c: number) => boolean,
): (text: string, digits: number[]) => number[] {
  return (text, digits) =>
    digits.filter((d) => {
      const end = digitRunEnd(text, d);
      return end - d >= min && end - d <= max && end < text.length && next(text.charCodeAt(end));
    });
}

/** A global pattern and its anchored twin, tried only at `lastIndex`. */
export interface DigitPattern {
  global: RegExp;
  anchored: RegExp;
}

export function digitPattern(re: RegExp): DigitPattern {
  return { global: re, anchored: new RegExp(re.source, re.flags.replace("g", "") + "y") };
}

// Trying a pattern near one run of digits costs about as much as a global scan over this many
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
