import { CorrectionBook } from "../analyze/corrections.ts";
import { contentWords } from "../routing/similarity.ts";
import type { Scored } from "./score.ts";

/** Accuracy of one half before and after the other half's corrections were fed. */
export interface LearningResult {
  corrections: number;
  heldBack: number;
  before: { category: number; priority: number };
  after: { category: number; priority: number };
}

/**
 * Learning from corrections, measured: the analyzer's mistakes on one half (every other email)
 * are corrected as an agent would (the gold labels become examples), then the held-back half is
 * scored before and after, the examples applied as the pipeline applies them.
 */
export function learningEval(scored: (Scored & { heldOut?: boolean })[]): LearningResult {
  const feed = scored.filter((_, i) => i % 2 === 0);
  const heldBack = scored.filter((_, i) => i % 2 === 1);
  const book = new CorrectionBook();
  for (const s of feed) {
    const category = s.analysis.category !== s.label.category ? s.label.category : undefined;
    const priority = s.analysis.priority !== s.label.priority ? s.label.priority : undefined;
    if (!category && !priority) continue;
    book.add({
      words: contentWords("", s.readableText),
      subject: s.label.file,
      ...(category ? { category } : {}),
      ...(priority ? { priority } : {}),
    });
  }
  const share = (
    n: number,
  ) => (heldBack.length ? Math.round((n / heldBack.length) * 1000) / 1000 : 0);
  let cb = 0, pb = 0, ca = 0, pa = 0;
  for (const s of heldBack) {
    const hit = book.suggest("", s.readableText);
    const category = hit?.category ?? s.analysis.category;
    const priority = hit?.priority ?? s.analysis.priority;
    if (s.analysis.category === s.label.category) cb++;
    if (s.analysis.priority === s.label.priority) pb++;
    if (category === s.label.category) ca++;
    if (priority === s.label.priority) pa++;
  }
  return {
    corrections: book.size,
    heldBack: heldBack.length,
    before: { category: share(cb), priority: share(pb) },
    after: { category: share(ca), priority: share(pa) },
  };
}

/** A short printable report. */
export function formatLearning(r: LearningResult): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  return [
    `learning from corrections (${r.corrections} corrections from one half, ${r.heldBack} held back)`,
    `  held-back category ${pct(r.before.category)} → ${pct(r.after.category)}, priority ${
      pct(r.before.priority)
    } → ${pct(r.after.priority)}`,
  ].join("\n");
}
