import { fold, JOINED, SAME_CLAUSE, tokenize, type Tokens, WORD } from "./tokens.ts";

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

const ENDS_SENTENCE = /[.!?;\n]\s*$/;
const SENTENCE_BREAK = /[.!?;\n]/;
const WORDS = /[\p{L}']+/gu;
const NT = /n't$/;

/** Whether the words right before `index` (and not before `start`) negate what follows. */
export function isNegated(text: string, index: number, start = 0): boolean {
  const before = text.slice(Math.max(start, index - 60), index);
  if (ENDS_SENTENCE.test(before)) return false;
  const sentence = before.split(SENTENCE_BREAK).pop() ?? "";
  const words = fold(sentence).match(WORDS) ?? [];
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const w = words[i];
    if (NEGATORS.has(w) || NT.test(w)) return true;
    if (!FILLERS.has(w)) return false;
  }
  return false;
}

interface Entry {
  list: number;
  order: number;
  term: CompiledTerm;
  /**
   * The first letter the next word must start with when the phrase goes on right after its first
   * word; -1 when there is no such quick test (one word, or a gap allowed).
   */
  next: number;
}

/**
 * Several lexicons indexed once by their phrases' first stems: a trie over the stems' letters,
 * each node listing the terms a word reaching it starts with, in list then lexicon order (the
 * order hits must come in). Flat typed arrays, walked a character per step with no hashing.
 * Immutable once built; build one per long-lived set of lexicons, at module load.
 */
export interface TermIndex {
  readonly lists: number;
  /** Column of each UTF-16 code unit that occurs in some stem (0: none), below `LOW`... */
  readonly columns: Uint16Array;
  /** ...and above it (stems in Latin, Cyrillic and Kazakh need none). */
  readonly highColumns: Map<number, number>;
  /** Child of node n for column c at `next[n * stride + c]`; 0 for none (the root is 0). */
  readonly next: Int32Array;
  readonly stride: number;
  /** Per node: terms whose first stem (not whole-word) is a prefix of the node's string. */
  readonly prefixed: Entry[][];
  /** Per node: `prefixed` plus the whole-word stems equal to the node's string. */
  readonly exact: Entry[][];
}

const NONE: Entry[] = [];
const LOW = 0x500;

function columnOf(index: Pick<TermIndex, "columns" | "highColumns">, c: number): number {
  return c < LOW ? index.columns[c] : index.highColumns.get(c) ?? 0;
}

/** Merges two entry lists that are each in list then lexicon order. */
function merge(a: Entry[], b: Entry[]): Entry[] {
  if (!b.length) return a;
  if (!a.length) return b;
  return [...a, ...b].sort((x, y) => x.list - y.list || x.order - y.order);
}

/** Indexes lexicons (one hit list per lexicon comes back from `findHits`). */
export function indexTerms(lists: CompiledTerm[][]): TermIndex {
  const entries: Entry[] = [];
  lists.forEach((terms, list) =>
    terms.forEach((term, order) => {
      if (!term.steps.length) return;
      const second = term.steps[1];
      const next = second && second.gap === 0 ? second.stem.charCodeAt(0) : -1;
      entries.push({ list, order, term, next });
    })
  );
  const columns = new Uint16Array(LOW);
  const highColumns = new Map<number, number>();
  let stride = 1;
  for (const { term } of entries) {
    const { stem } = term.steps[0];
    for (let i = 0; i < stem.length; i++) {
      const c = stem.charCodeAt(i);
      if (c < LOW) columns[c] ||= stride++;
      else if (!highColumns.has(c)) highColumns.set(c, stride++);
    }
  }
  const columnsOf = { columns, highColumns };
  // Nodes are numbered as stems are inserted, a child after its parent; an edge is keyed by
  // `node * stride + column`, as in `next`.
  const edges = new Map<number, number>();
  const parent = [-1];
  const ownPrefixed: Entry[][] = [NONE];
  const ownWhole: Entry[][] = [NONE];
  for (const entry of entries) {
    const { stem, whole } = entry.term.steps[0];
    let at = 0;
    for (let i = 0; i < stem.length; i++) {
      const edge = at * stride + columnOf(columnsOf, stem.charCodeAt(i));
      let child = edges.get(edge);
      if (child === undefined) {
        child = parent.length;
        edges.set(edge, child);
        parent.push(at);
        ownPrefixed.push(NONE);
        ownWhole.push(NONE);
      }
      at = child;
    }
    const own = whole ? ownWhole : ownPrefixed;
    own[at] = [...own[at], entry];
  }
  const next = new Int32Array(parent.length * stride);
  for (const [edge, child] of edges) next[edge] = child;
  const prefixed: Entry[][] = [];
  const exact: Entry[][] = [];
  // Parents are numbered first, so each node inherits from a settled one.
  for (let n = 0; n < parent.length; n++) {
    prefixed.push(merge(n === 0 ? NONE : prefixed[parent[n]], ownPrefixed[n]));
    exact.push(merge(prefixed[n], ownWhole[n]));
  }
  return { lists: lists.length, columns, highColumns, next, stride, prefixed, exact };
}

/** Terms whose first stem matches word i, in list then lexicon order. */
function candidatesAt(index: TermIndex, tokens: Tokens, i: number): Entry[] {
  const { folded } = tokens;
  const { columns, next, stride } = index;
  const end = tokens.to[i];
  let at = 0;
  let p = tokens.from[i];
  for (; p < end; p++) {
    const c = folded.charCodeAt(p);
    const column = c < LOW ? columns[c] : columnOf(index, c);
    if (column === 0) break;
    const child = next[at * stride + column];
    if (child === 0) break;
    at = child;
  }
  return p === end ? index.exact[at] : index.prefixed[at];
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
    if (!candidates.length) continue;
    // Most candidates are phrases whose second word is not the next one ("не" + …).
    const nextLetter = i + 1 < tokens.end ? tokens.folded.charCodeAt(tokens.from[i + 1]) : -2;
    for (let c = 0; c < candidates.length; c++) {
      const { list, term: t, next } = candidates[c];
      if (next >= 0 && next !== nextLetter) continue;
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
