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

/** A word of the text, lowercased, with where it starts and whether only spaces precede it. */
export interface Token {
  word: string;
  index: number;
  /** True when the gap before this token is only spaces or hyphens (no punctuation). */
  joined: boolean;
  /** True when the gap before this token has no sentence punctuation (commas allowed). */
  sameClause: boolean;
  /** The word's first letters, the key of the candidate index. */
  key: string;
}

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

/** Splits text into lowercased word tokens, noting what separates each from the previous one. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const joined = onlyGap(text, last, m.index, false);
    const word = fold(m[0]);
    out.push({
      word,
      key: word.slice(0, KEY),
      index: m.index,
      joined,
      sameClause: joined || onlyGap(text, last, m.index, true),
    });
    last = m.index + m[0].length;
  }
  return out;
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

function stepMatches(step: Step, token: Token): boolean {
  return step.whole ? token.word === step.stem : token.word.startsWith(step.stem);
}

function matchAt(tokens: Token[], i: number, steps: Step[], s: number): boolean {
  if (s === steps.length) return true;
  const step = steps[s];
  for (let skip = 0; skip <= step.gap; skip++) {
    const j = i + skip;
    if (j >= tokens.length) return false;
    const tok = tokens[j];
    if (s > 0) {
      // Consecutive words must be separated by spaces only; a gap may cross commas.
      if (step.gap === 0 && !tok.joined) return false;
      for (let k = i; k <= j; k++) if (!tokens[k].sameClause) return false;
    }
    if (stepMatches(step, tok) && matchAt(tokens, j + 1, steps, s + 1)) return true;
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

/** Whether the words right before `index` negate what follows. */
export function isNegated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
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

/** Key length of the candidate index: first stems are bucketed by up to this many letters. */
const KEY = 3;

interface Entry {
  list: number;
  order: number;
  term: CompiledTerm;
}

interface TermIndex {
  lists: number;
  /** Terms by the first `min(KEY, stem length)` letters of their first stem. */
  buckets: Map<string, Entry[]>;
  /** Candidates per token key, merged from the buckets in list then lexicon order. */
  memo: Map<string, Entry[]>;
}

const INDEX = new WeakMap<object, TermIndex>();
const MEMO_LIMIT = 20_000;

function indexFor(owner: object, lists: CompiledTerm[][]): TermIndex {
  let index = INDEX.get(owner);
  if (index) return index;
  const buckets = new Map<string, Entry[]>();
  lists.forEach((terms, list) =>
    terms.forEach((term, order) => {
      if (!term.steps.length) return;
      const key = term.steps[0].stem.slice(0, KEY);
      const bucket = buckets.get(key);
      if (bucket) bucket.push({ list, order, term });
      else buckets.set(key, [{ list, order, term }]);
    })
  );
  index = { lists: lists.length, buckets, memo: new Map() };
  INDEX.set(owner, index);
  return index;
}

const NONE: Entry[] = [];

/** Terms whose first stem could match a word with this key, in list then lexicon order. */
function candidatesFor(index: TermIndex, key: string): Entry[] {
  let found = index.memo.get(key);
  if (found) return found;
  const merged: Entry[] = [];
  for (let n = 1; n <= key.length; n++) {
    const bucket = index.buckets.get(key.slice(0, n));
    if (bucket) merged.push(...bucket);
  }
  found = merged.length === 0 ? NONE : merged.sort((a, b) => a.list - b.list || a.order - b.order);
  if (index.memo.size >= MEMO_LIMIT) index.memo.clear();
  index.memo.set(key, found);
  return found;
}

function collect(text: string, index: TermIndex, tokens: Token[]): Hit[][] {
  const hits: Hit[][] = Array.from({ length: index.lists }, () => []);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    for (const { list, term: t } of candidatesFor(index, token.key)) {
      if (!stepMatches(t.steps[0], token) || !matchAt(tokens, i + 1, t.steps, 1)) continue;
      const negated = t.negatable === true && isNegated(text, token.index);
      hits[list].push({ term: t.p, weight: negated ? 0 : t.w, index: token.index, negated });
    }
  }
  return hits;
}

/**
 * Finds every term occurrence in `text` (or its pre-computed tokens); negated occurrences of
 * negatable terms are returned flagged, with weight 0.
 */
export function matchTerms(text: string, terms: CompiledTerm[], tokens = tokenize(text)): Hit[] {
  return collect(text, indexFor(terms, [terms]), tokens)[0];
}

/**
 * `matchTerms` for several lexicons in one pass over the words: `lists` must be a long-lived
 * array (its index is built once and kept with it). Answers one hit list per lexicon.
 */
export function matchTermLists(
  text: string,
  lists: CompiledTerm[][],
  tokens = tokenize(text),
): Hit[][] {
  return collect(text, indexFor(lists, lists), tokens);
}

/** Sum of the weights of the hits, each distinct term counted at most `cap` times. */
export function scoreHits(hits: Hit[], cap = 2): number {
  const seen = new Map<string, number>();
  let total = 0;
  for (const h of hits) {
    const n = (seen.get(h.term) ?? 0) + 1;
    seen.set(h.term, n);
    if (n <= cap) total += h.weight;
  }
  return total;
}
