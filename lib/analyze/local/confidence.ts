/** What confidence is computed from. */
export interface ConfidenceInput {
  /** Score of the chosen category. */
  top: number;
  /** Score of the runner-up. */
  second: number;
  /** Distinct lexicon phrases that supported the chosen category. */
  hits: number;
  /** Words in the customer's own text. */
  words: number;
}

/**
 * A confidence in [0.05, 0.95] that is low when the evidence is thin: little lexicon support,
 * a close runner-up, or a very short text.
 */
export function computeConfidence({ top, second, hits, words }: ConfidenceInput): number {
  if (top <= 0) return 0.1;
  const evidence = 1 - Math.exp(-top / 6);
  const margin = (top - second) / top;
  const support = Math.min(1, hits / 3);
  const length = Math.min(1, words / 25);
  const c = evidence * (0.35 + 0.65 * margin) * (0.6 + 0.4 * support) * (0.5 + 0.5 * length);
  return Math.round(Math.max(0.05, Math.min(0.95, c)) * 100) / 100;
}
