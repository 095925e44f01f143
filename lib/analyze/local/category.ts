import { CATEGORIES, type Category } from "../../schema/complaint.ts";
import { CATEGORY_LEXICON } from "./lexicon.ts";
import { type Hit, matchTermLists, scoreHits } from "./matcher.ts";

/** A piece of the email with how much it should count (own text more than quoted text). */
export interface Segment {
  text: string;
  weight: number;
}

export interface CategoryResult {
  category: Category;
  scores: Record<Category, number>;
  /** Lexicon phrases that matched, per category, for explanations and confidence. */
  hits: Record<Category, string[]>;
}

const LISTS = CATEGORIES.map((c) => CATEGORY_LEXICON[c]);

/** Scores every category over the weighted segments. */
export function scoreCategories(segments: Segment[]): CategoryResult {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const hits = Object.fromEntries(CATEGORIES.map((c) => [c, [] as string[]])) as Record<
    Category,
    string[]
  >;
  const found = segments.map((seg) =>
    seg.text && seg.weight > 0 ? matchTermLists(seg.text, LISTS) : null
  );
  for (const [k, c] of CATEGORIES.entries()) {
    for (const [i, seg] of segments.entries()) {
      if (!found[i]) continue;
      const hitsOf: Hit[] = found[i]![k];
      scores[c] += seg.weight * scoreHits(hitsOf);
      for (const h of hitsOf) if (!h.negated && !hits[c].includes(h.term)) hits[c].push(h.term);
    }
  }
  return { category: topCategory(scores), scores, hits };
}

/** The best-scoring category; "other" when nothing matched at all. */
export function topCategory(scores: Record<Category, number>): Category {
  let best: Category = "other";
  let bestScore = 0;
  for (const c of CATEGORIES) {
    if (scores[c] > bestScore) {
      best = c;
      bestScore = scores[c];
    }
  }
  return best;
}

/** The categories ordered by score, best first. */
export function rankCategories(scores: Record<Category, number>): Category[] {
  return [...CATEGORIES].sort((a, b) => scores[b] - scores[a]);
}
