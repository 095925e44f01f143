import { contentWords, jaccard } from "../routing/similarity.ts";
import type { Category, Complaint, Priority } from "../schema/complaint.ts";
import type { ComplaintStore } from "../store/port.ts";
import { LIST_PAGE, pagesOf } from "../store/pages.ts";

/** A complaint whose triage an agent corrected: what it said, and what the agent decided. */
export interface CorrectedExample {
  words: Set<string>;
  subject: string;
  category?: Category;
  priority?: Priority;
}

/** How alike a new complaint must be to a corrected one for the correction to carry over. */
export const CORRECTION_SIMILARITY = 0.5;
/** How many of the newest corrections are kept and compared. */
export const MAX_CORRECTIONS = 500;

/** The corrected example of a complaint (only the fields an agent changed), or null. */
export function exampleOf(c: Complaint): CorrectedExample | null {
  // Changes made by a person (the product's own re-triage writes as "system").
  const byPerson = (action: string) =>
    c.history.some((h) => h.action === action && h.actor !== "system");
  const category = byPerson("category_changed") ? c.category : undefined;
  const priority = byPerson("priority_changed") ? c.priority : undefined;
  if (!category && !priority) return null;
  return {
    words: contentWords(c.subject, c.description),
    subject: c.subject,
    ...(category ? { category } : {}),
    ...(priority ? { priority } : {}),
  };
}

/**
 * Agents' triage corrections as examples the offline analyzer learns from: a new complaint much
 * like a corrected one (word similarity ≥ {@link CORRECTION_SIMILARITY}) takes the corrected
 * category and priority. Loaded from the store (complaints marked `triageCorrectedAt`) on first
 * use, then kept current as agents correct.
 */
export class CorrectionBook {
  #examples: CorrectedExample[] = [];
  #loaded: Promise<void> | null = null;

  constructor(private readonly store?: Pick<ComplaintStore, "listComplaints">) {}

  /** Read the newest corrections from the store (once). */
  load(): Promise<void> {
    return this.#loaded ??= (async () => {
      if (!this.store) return;
      const pages = pagesOf(this.store, { corrected: true }, MAX_CORRECTIONS / LIST_PAGE);
      for await (const { items } of pages) {
        for (const c of items) {
          const e = exampleOf(c);
          if (e) this.#examples.push(e);
        }
      }
    })();
  }

  /** Learn one correction (newest first; the oldest beyond the cap are forgotten). */
  add(example: CorrectedExample): void {
    this.#examples.unshift(example);
    this.#examples.length = Math.min(this.#examples.length, MAX_CORRECTIONS);
  }

  get size(): number {
    return this.#examples.length;
  }

  /** The few newest corrections (for a model's prompt). */
  recent(n: number): CorrectedExample[] {
    return this.#examples.slice(0, n);
  }

  /** The correction that carries over to this text, if one is alike enough. */
  suggest(subject: string, body: string): (CorrectedExample & { similarity: number }) | null {
    const words = contentWords(subject, body);
    let best: (CorrectedExample & { similarity: number }) | null = null;
    for (const e of this.#examples) {
      const similarity = jaccard(words, e.words);
      if (similarity >= CORRECTION_SIMILARITY && (!best || similarity > best.similarity)) {
        best = { ...e, similarity };
      }
    }
    return best;
  }
}
