/**
 * A weighted phrase. `p` is a space-separated list of word stems: each stem matches any word it
 * starts (so "refund" matches "refunded", "верн" matches "вернули"); a stem ending in "$" must be
 * the whole word; the token ".." allows up to two arbitrary words in between. Hyphens and slashes
 * separate words ("trade-in" = "trade in"); "ё" is read as "е".
 */
export interface Term {
  p: string;
  w: number;
  /** Whether a negator just before the phrase ("no damage", "не сломан") cancels it. Default false. */
  negatable?: boolean;
  /**
   * Category lexicons only: the phrase names where or through what the matter happened (courier,
   * website, warranty), not what went wrong; it counts less when another category has a cause.
   */
  context?: boolean;
}

interface Step {
  stem: string;
  whole: boolean;
  /** Words that may be skipped before this one. */
  gap: number;
}

export interface CompiledTerm extends Term {
  steps: Step[];
}

export interface Hit {
  term: string;
  weight: number;
  index: number;
  negated: boolean;
}

/**
 * The words of a text, tokenized once and shared by every lexicon matched over it. Parallel
 * arrays rather than an object per word: emails have thousands of words and most match nothing.
 * A `Tokens` may be a view of a part of a longer text (see `tokensWithin`): it then behaves as
 * if that part had been tokenized alone.
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

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function fold(s: string): string {
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
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const joined = onlyGap(text, last, m.index, false);
    gapList.push(
      joined ? JOINED | SAME_CLAUSE : onlyGap(text, last, m.index, true) ? SAME_CLAUSE : 0,
    );
    index.push(m.index);
    last = m.index + m[0].length;
    ends.push(last);
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

/** Compiles phrases once into word-stem sequences. */
export function compileTerms(terms: Term[]): CompiledTerm[] {
  return terms.map((t) => {
    const steps: Step[] = [];
    let gap = 0;
    for (const raw of t.p.trim().split(/\s+/)) {
      if (raw === "..") {
        gap = 2;
        continue;
      }
      const whole = raw.endsWith("$");
      const words = fold(whole ? raw.slice(0, -1) : raw).match(WORD) ?? [];
      words.forEach((stem, i) => {
        steps.push({ stem, whole: whole && i === words.length - 1, gap: i === 0 ? gap : 0 });
      });
      gap = 0;
    }
    return { ...t, steps };
  });
}

function stepMatches(step: Step, tokens: Tokens, i: number): boolean {
  const length = tokens.to[i] - tokens.from[i];
  if (step.whole ? length !== step.stem.length : length < step.stem.length) return false;
  return tokens.folded.startsWith(step.stem, tokens.from[i]);
}

function matchAt(tokens: Tokens, i: number, steps: Step[], s: number): boolean {
  if (s === steps.length) return true;
  const step = steps[s];
  for (let skip = 0; skip <= step.gap; skip++) {
    const j = i + skip;
    if (j >= tokens.end) return false;
    if (s > 0) {
      // Consecutive words must be separated by spaces only; a gap may cross commas.
      if (step.gap === 0 && !(tokens.gaps[j] & JOINED)) return false;
      for (let k = i; k <= j; k++) if (!(tokens.gaps[k] & SAME_CLAUSE)) return false;
    }
    if (stepMatches(step, tokens, j) && matchAt(tokens, j + 1, steps, s + 1)) return true;
  }
  return false;
}

// Negators looked for in the one to three words before a phrase.
const NEGATORS = new Set([
  "no",
  "not",
  "never",
  "without",
  "nothing",
  "none",
  "zero",
  "cannot",
  "не",
  "нет",
  "ни",
  "без",
  "никаких",
  "никакого",
  "никакой",
  "никакие",
  "нету",
  "жоқ",
  "емес",
]);
// Fillers skipped when looking back for a negator ("no visible damage", "не было проблем").
const FILLERS = new Set([
  "any",
  "a",
  "an",
  "the",
  "really",
  "been",
  "visible",
  "real",
  "was",
  "were",
  "is",
  "are",
  "было",
  "был",
  "была",
  "есть",
  "видимых",
  "каких",
]);

/** Whether the words right before `index` (and not before `start`) negate what follows. */
export function isNegated(text: string, index: number, start = 0): boolean {
  const before = text.slice(Math.max(start, index - 60), index);
  if (/[.!?;\n]\s*$/.test(before)) return false;
  const sentence = before.split(/[.!?;\n]/).pop() ?? "";
  const words = fold(sentence).match(/[\p{L}']+/gu) ?? [];
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const w = words[i];
    if (NEGATORS.has(w) || /n't$/.test(w)) return true;
    if (!FILLERS.has(w)) return false;
  }
  return false;
}

interface Entry {
  list: number;
  order: number;
  term: CompiledTerm;
}

/** A node of the first-stem trie: the path from the root spells a prefix of some first stem. */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** Terms whose first stem (not whole-word) is a prefix of this node's string. */
  prefixed: Entry[];
  /** `prefixed` plus the whole-word stems equal to this node's string. */
  exact: Entry[];
  /** Whole-word terms ending here, while building. */
  whole: Entry[];
}

/**
 * Several lexicons indexed once by their phrases' first stems: a trie over the stems' letters,
 * each node listing the terms a word reaching it starts with, in list then lexicon order (the
 * order hits must come in). Immutable once built; build one per long-lived set of lexicons.
 */
export interface TermIndex {
  readonly lists: number;
  readonly root: TrieNode;
}

const NONE: Entry[] = [];

function node(): TrieNode {
  return { next: new Map(), prefixed: NONE, exact: NONE, whole: NONE };
}

/** Merges two entry lists that are each in list then lexicon order. */
function merge(a: Entry[], b: Entry[]): Entry[] {
  if (!b.length) return a;
  if (!a.length) return b;
  return [...a, ...b].sort((x, y) => x.list - y.list || x.order - y.order);
}

/** Indexes lexicons (one hit list per lexicon comes back from `findHits`). */
export function indexTerms(lists: CompiledTerm[][]): TermIndex {
  const root = node();
  lists.forEach((terms, list) =>
    terms.forEach((term, order) => {
      if (!term.steps.length) return;
      const { stem, whole } = term.steps[0];
      let at = root;
      for (let i = 0; i < stem.length; i++) {
        const c = stem.charCodeAt(i);
        let child = at.next.get(c);
        if (!child) at.next.set(c, child = node());
        at = child;
      }
      const entry = { list, order, term };
      if (whole) at.whole = [...at.whole, entry];
      else at.prefixed = [...at.prefixed, entry];
    })
  );
  const settle = (at: TrieNode, inherited: Entry[]) => {
    at.prefixed = merge(inherited, at.prefixed);
    at.exact = merge(at.prefixed, at.whole);
    for (const child of at.next.values()) settle(child, at.prefixed);
  };
  settle(root, NONE);
  return { lists: lists.length, root };
}

/** Terms whose first stem matches word i, in list then lexicon order. */
function candidatesAt(index: TermIndex, tokens: Tokens, i: number): Entry[] {
  const { folded } = tokens;
  const end = tokens.to[i];
  let at = index.root;
  let p = tokens.from[i];
  for (; p < end; p++) {
    const child = at.next.get(folded.charCodeAt(p));
    if (!child) break;
    at = child;
  }
  return p === end ? at.exact : at.prefixed;
}

/**
 * Finds every occurrence of the indexed terms among the words, one hit list per lexicon;
 * negated occurrences of negatable terms are returned flagged, with weight 0.
 */
export function findHits(tokens: Tokens, index: TermIndex): Hit[][] {
  const hits: Hit[][] = [];
  for (let l = 0; l < index.lists; l++) hits.push([]);
  for (let i = tokens.first; i < tokens.end; i++) {
    const candidates = candidatesAt(index, tokens, i);
    for (let c = 0; c < candidates.length; c++) {
      const { list, term: t } = candidates[c];
      if (t.steps.length > 1 && !matchAt(tokens, i + 1, t.steps, 1)) continue;
      const negated = t.negatable === true && isNegated(tokens.text, tokens.index[i], tokens.base);
      hits[list].push({
        term: t.p,
        weight: negated ? 0 : t.w,
        index: tokens.index[i] - tokens.base,
        negated,
      });
    }
  }
  return hits;
}

/** Every occurrence of `terms` in `text` (one-off use: the terms are indexed on each call). */
export function matchTerms(text: string, terms: CompiledTerm[], tokens = tokenize(text)): Hit[] {
  return findHits(tokens, indexTerms([terms]))[0];
}

/** `matchTerms` for several lexicons in one pass over the words: one hit list per lexicon. */
export function matchTermLists(
  text: string,
  lists: CompiledTerm[][],
  tokens = tokenize(text),
): Hit[][] {
  return findHits(tokens, indexTerms(lists));
}

/** Sum of the weights of the hits, each distinct term counted at most `cap` times. */
export function scoreHits(hits: Hit[], cap = 2): number {
  if (hits.length === 0) return 0;
  const seen = new Map<string, number>();
  let total = 0;
  for (const h of hits) {
    const n = (seen.get(h.term) ?? 0) + 1;
    seen.set(h.term, n);
    if (n <= cap) total += h.weight;
  }
  return total;
}
