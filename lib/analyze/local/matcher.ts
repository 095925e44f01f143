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
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function fold(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е").replace(/’/g, "'");
}

/** Splits text into lowercased word tokens, noting what separates each from the previous one. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const between = text.slice(last, m.index);
    out.push({
      word: fold(m[0]),
      index: m.index,
      joined: /^[\s\-–/]*$/.test(between),
      sameClause: /^[\s\-–/,]*$/.test(between),
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

const INDEX = new WeakMap<CompiledTerm[], Map<string, CompiledTerm[]>>();

function indexByFirstLetter(terms: CompiledTerm[]): Map<string, CompiledTerm[]> {
  let byFirst = INDEX.get(terms);
  if (byFirst) return byFirst;
  byFirst = new Map();
  for (const t of terms) {
    if (!t.steps.length) continue;
    const key = t.steps[0].stem[0];
    const list = byFirst.get(key);
    if (list) list.push(t);
    else byFirst.set(key, [t]);
  }
  INDEX.set(terms, byFirst);
  return byFirst;
}

/**
 * Finds every term occurrence in `text` (or its pre-computed tokens); negated occurrences of
 * negatable terms are returned flagged, with weight 0.
 */
export function matchTerms(text: string, terms: CompiledTerm[], tokens = tokenize(text)): Hit[] {
  const byFirst = indexByFirstLetter(terms);
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = byFirst.get(tokens[i].word[0]);
    if (!candidates) continue;
    for (const t of candidates) {
      if (!stepMatches(t.steps[0], tokens[i]) || !matchAt(tokens, i + 1, t.steps, 1)) continue;
      const negated = t.negatable === true && isNegated(text, tokens[i].index);
      hits.push({ term: t.p, weight: negated ? 0 : t.w, index: tokens[i].index, negated });
    }
  }
  return hits;
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
