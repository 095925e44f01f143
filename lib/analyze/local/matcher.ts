/**
 * A weighted phrase. `p` is a space-separated list of word stems: each stem matches any word it
 * starts (so "refund" matches "refunded", "верн" matches "вернули"); a stem ending in "$" must be
 * the whole word; the token ".." allows up to two arbitrary words in between.
 */
export interface Term {
  p: string;
  w: number;
  /** Whether a negator just before the phrase ("no damage", "не сломан") cancels it. Default false. */
  negatable?: boolean;
}

export interface CompiledTerm extends Term {
  re: RegExp;
}

export interface Hit {
  term: string;
  weight: number;
  index: number;
  negated: boolean;
}

const L = "[\\p{L}\\p{N}]";

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Compiles terms once into case-insensitive Unicode regular expressions. */
export function compileTerms(terms: Term[]): CompiledTerm[] {
  return terms.map((t) => {
    const parts: string[] = [];
    const words = t.p.trim().split(/\s+/);
    words.forEach((word, i) => {
      if (word === "..") {
        parts.push(`(?:[\\s,]+${L}+){0,2}`);
        return;
      }
      const whole = word.endsWith("$");
      const stem = escape(whole ? word.slice(0, -1) : word);
      const sep = i === 0 ? "" : (words[i - 1] === ".." ? "[\\s,\\-–]+" : "[\\s\\-–'’]*\\s*");
      parts.push(sep + stem + (whole ? `(?!${L})` : `${L}*`));
    });
    return { ...t, re: new RegExp(`(?<!${L})${parts.join("")}`, "giu") };
  });
}

// Negators looked for in the one or two words before a phrase.
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
  const words = sentence.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const w = words[i];
    if (NEGATORS.has(w) || /n['’]t$/.test(w)) return true;
    if (!FILLERS.has(w)) return false;
  }
  return false;
}

/** Finds every term occurrence in `text`; negated occurrences are returned flagged, weight 0. */
export function matchTerms(text: string, terms: CompiledTerm[]): Hit[] {
  const hits: Hit[] = [];
  for (const t of terms) {
    t.re.lastIndex = 0;
    for (const m of text.matchAll(t.re)) {
      const negated = t.negatable === true && isNegated(text, m.index);
      hits.push({ term: t.p, weight: negated ? 0 : t.w, index: m.index, negated });
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
