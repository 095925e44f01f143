/**
 * The words of a text, as the lexicon matcher reads them: runs of letters and digits (with
 * apostrophe-joined letters: "don't"), lowercased, with what separates each from the previous.
 * A text is tokenized once and its words are shared by every lexicon matched over it.
 */

import { CLASSES, classOf, LETTER, TABLED, WORD_CHAR } from "./chars.ts";

/**
 * Parallel arrays rather than an object per word: emails have thousands of words and most match
 * nothing. A `Tokens` may be a view of a part of a longer text (see `tokensWithin`): it then
 * behaves as if that part had been tokenized alone.
 */
export interface Tokens {
  /** The whole text read; negators are looked for in it. */
  readonly text: string;
  /** Lowercased words ("ё" read as "е"): word i is `folded.slice(from[i], to[i])`. */
  readonly folded: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
  /** Where word i starts in `text`. */
  readonly index: readonly number[];
  /** What separates word i from the previous one: `JOINED` and `SAME_CLAUSE` bits. */
  readonly gaps: Uint8Array;
  /** The words of this view are [first, end). */
  readonly first: number;
  readonly end: number;
  /** Where the view's part starts in `text`: hit indexes count from here, negators stop here. */
  readonly base: number;
}

/** Only spaces or hyphens (no punctuation) before the word. */
export const JOINED = 1;
/** No sentence punctuation before the word (commas allowed). */
export const SAME_CLAUSE = 2;

/** A word is `[\p{L}\p{N}]+(?:['’]\p{L}+)*`; the scanner below reads exactly that. */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Where the word that may start at `i` ends (`i` when no word starts there). */
function wordEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < TABLED) {
      if (!(CLASSES[c] & WORD_CHAR)) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (!(classOf(cp) & WORD_CHAR)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  if (i === start) return start;
  // Apostrophe-joined letters ("don't", "д’Артаньян"): each apostrophe needs a letter after it.
  while (i + 1 < n) {
    const c = text.charCodeAt(i);
    if (c !== 39 && c !== 0x2019) break;
    let j = i + 1;
    while (j < n) {
      const cp = text.codePointAt(j)!;
      if (!(classOf(cp) & LETTER)) break;
      j += cp > 0xffff ? 2 : 1;
    }
    if (j === i + 1) break;
    i = j;
  }
  return i;
}

export function fold(s: string): string {
  const lower = s.toLowerCase();
  return lower.includes("ё") || lower.includes("’")
    ? lower.replace(/ё/g, "е").replace(/’/g, "'")
    : lower;
}

/** Whether text[from, to) holds only gap characters: whitespace, hyphens, slashes (and commas). */
function onlyGap(text: string, from: number, to: number, commas: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 0x2013 || c === 47) continue; // - – /
    if (c === 44 && commas) continue;
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) continue;
    if (c > 127 && /\s/.test(text[i])) continue;
    return false;
  }
  return true;
}

/**
 * Whether lowercasing the whole text at once gives, at every word's place, what lowercasing that
 * word alone would: true unless a character changes length ("İ" is the only one) or depends on
 * its neighbours (Greek capital sigma, final or not).
 */
function foldsInPlace(text: string, lower: string): boolean {
  return lower.length === text.length && !text.includes("Σ");
}

/** Splits text into lowercased words, noting what separates each from the previous one. */
export function tokenize(text: string): Tokens {
  const index: number[] = [];
  const ends: number[] = [];
  const gapList: number[] = [];
  let last = 0;
  for (let i = 0; i < text.length;) {
    // Spaces and punctuation are skipped without a call.
    const c = text.charCodeAt(i);
    if (c < TABLED && !(CLASSES[c] & WORD_CHAR)) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    if (end === i) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    const joined = onlyGap(text, last, i, false);
    gapList.push(joined ? JOINED | SAME_CLAUSE : onlyGap(text, last, i, true) ? SAME_CLAUSE : 0);
    index.push(i);
    ends.push(end);
    last = i = end;
  }
  const gaps = Uint8Array.from(gapList);
  const lower = text.toLowerCase();
  if (foldsInPlace(text, lower)) {
    // One lowercasing of the whole text; words are read in place.
    const folded = lower.includes("ё") || lower.includes("’")
      ? lower.replace(/ё/g, "е").replace(/’/g, "'")
      : lower;
    return {
      text,
      folded,
      from: index,
      to: ends,
      index,
      gaps,
      first: 0,
      end: index.length,
      base: 0,
    };
  }
  // Rare texts (Turkish "İ", Greek "Σ"): each word is lowercased alone, as a word.
  const from: number[] = [];
  const to: number[] = [];
  let folded = "";
  for (let i = 0; i < index.length; i++) {
    const word = fold(text.slice(index[i], ends[i]));
    from.push(folded.length);
    folded += word;
    to.push(folded.length);
    folded += " ";
  }
  return { text, folded, from, to, index, gaps, first: 0, end: index.length, base: 0 };
}

/**
 * The words of text[from, to), as `tokenize(text.slice(from, to))` would give them (hit indexes
 * relative to `from`, negators not looked for before it). The part must not cut a word: its
 * edges are where the caller joined separately written pieces, e.g. a subject and a body.
 */
export function tokensWithin(tokens: Tokens, from: number, to: number): Tokens {
  let first = tokens.first;
  while (first < tokens.end && tokens.index[first] < from) first++;
  let end = first;
  while (end < tokens.end && tokens.index[end] < to) end++;
  // The first word's gap is never read when matching (a phrase starts there), so it need not
  // be recomputed against the part's own start.
  return { ...tokens, first, end, base: from };
}
