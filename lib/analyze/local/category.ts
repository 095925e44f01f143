import { CATEGORIES, type Category } from "../../schema/complaint.ts";
import type { GoodsFlow } from "./cause.ts";
import { CATEGORY_LEXICON } from "./lexicon.ts";
import { findHits, type Hit, indexTerms, scoreHits } from "./matcher.ts";
import { tokenize, type Tokens } from "./tokens.ts";

/** A piece of the email with how much it should count (own text more than quoted text). */
export interface Segment {
  text: string;
  weight: number;
  /** The text's words, when the caller already has them. */
  tokens?: Tokens;
}

export interface CategoryResult {
  category: Category;
  scores: Record<Category, number>;
  /** Lexicon phrases that matched, per category, for explanations and confidence. */
  hits: Record<Category, string[]>;
}

const INDEX = indexTerms(CATEGORIES.map((c) => CATEGORY_LEXICON[c]));
const CONTEXT = CATEGORIES.map((c) =>
  new Set(CATEGORY_LEXICON[c].filter((t) => t.context).map((t) => t.p))
);

// Context words (courier, website, warranty) count this much once another category names a cause.
const CONTEXT_SHARE = 0.5;

/**
 * Scores every category over the weighted segments. Each category's evidence is split into cause
 * phrases and context phrases; context counts fully only while no other category has a cause, so
 * "return it through the courier" is a return and "the colour differs from the website" is not a
 * site fault; remedy words alone (warranty, repair) lose to a request for a duplicate warranty card.
 */
export function scoreCategories(segments: Segment[]): CategoryResult {
  const cause = zeroScores();
  const context = zeroScores();
  const hits = Object.fromEntries(CATEGORIES.map((c) => [c, [] as string[]])) as Record<
    Category,
    string[]
  >;
  const found = segments.map((seg) =>
    seg.text && seg.weight > 0 ? findHits(seg.tokens ?? tokenize(seg.text), INDEX) : null
  );
  for (const [k, c] of CATEGORIES.entries()) {
    for (const [i, seg] of segments.entries()) {
      if (!found[i]) continue;
      const hitsOf: Hit[] = found[i]![k];
      // Most categories find nothing in most segments: no lists to split then.
      const some = hitsOf.length > 0;
      cause[c] += seg.weight *
        (some ? scoreHits(hitsOf.filter((h) => !CONTEXT[k].has(h.term))) : 0);
      context[c] += seg.weight *
        (some ? scoreHits(hitsOf.filter((h) => CONTEXT[k].has(h.term))) : 0);
      for (const h of hitsOf) if (!h.negated && !hits[c].includes(h.term)) hits[c].push(h.term);
    }
  }
  const scores = zeroScores();
  for (const c of CATEGORIES) {
    // Context backs a category's own cause in full ("the app crashes"); without one it is only
    // where something else happened, unless nothing else names a cause either.
    const causeElsewhere = CATEGORIES.some((o) => o !== c && cause[o] > 0);
    const share = cause[c] > 0 || !causeElsewhere ? 1 : CONTEXT_SHARE;
    scores[c] = cause[c] + context[c] * share;
  }
  return { category: topCategory(scores), scores, hits };
}

/**
 * Scores once a site or app fault has been told (`faults` sentences, see digital_fault.ts): the
 * fault is a technical cause, and unless money is already lost the billing words only name what
 * the broken page was about (a payment schedule, an invoice), so they count as context. The labels'
 * rule: "an invoice or instalment problem caused by a broken site or app is Technical".
 */
export function weighDigitalFault(
  result: CategoryResult,
  faults: number,
  moneyLost: number,
): CategoryResult {
  if (faults <= 0) return result;
  const scores = { ...result.scores, technical: result.scores.technical + DIGITAL_FAULT * faults };
  if (moneyLost < 1) scores.billing *= CONTEXT_SHARE;
  return { ...result, scores, category: topCategory(scores) };
}

/**
 * Scores once it is known which way the goods went (see cause.ts): money asked back for goods that
 * never came, and were neither sent back nor called off, is a delivery failure, the refund words
 * then only naming the remedy (context); goods sent back make the courier and tracking words
 * context of the return. An order called off is neither; when both or neither are told, the
 * lexicons alone decide.
 */
export function weighGoodsFlow(
  result: CategoryResult,
  flow: GoodsFlow,
): CategoryResult {
  const late = flow.neverCame && !flow.wentBack && !flow.calledOff;
  if (!late && !(flow.wentBack && !flow.neverCame)) return result;
  // Goods sent back travel by courier and tracking too: those words then describe the return.
  // What happened to the goods is itself a cause, however it was worded.
  const scores = !late
    ? {
      ...result.scores,
      returns: result.scores.returns + GOODS_FLOW,
      delivery: result.scores.delivery * CONTEXT_SHARE,
    }
    : {
      ...result.scores,
      delivery: result.scores.delivery + GOODS_FLOW,
      returns: result.scores.returns * CONTEXT_SHARE,
    };
  return { ...result, scores, category: topCategory(scores) };
}

// Goods told as sent back, or as never come, weigh as a strong lexicon phrase.
const GOODS_FLOW = 3;

// A sentence pairing a site/app surface with a failure weighs as a strong lexicon phrase.
const DIGITAL_FAULT = 3;

/** A score of 0 for every category, in `CATEGORIES` order. */
function zeroScores(): Record<Category, number> {
  const scores = {} as Record<Category, number>;
  for (const c of CATEGORIES) scores[c] = 0;
  return scores;
}

/**
 * Whether text mentions one of `phrases` (terms of the category's lexicon, as `hits` names them)
 * and not negated.
 */
export function mentions(text: string, category: Category, phrases: readonly string[]): boolean {
  if (!phrases.length) return false;
  const found = findHits(tokenize(text), INDEX)[CATEGORIES.indexOf(category)];
  return found.some((h) => !h.negated && phrases.includes(h.term));
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
