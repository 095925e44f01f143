import type { ComplaintStore } from "../store/port.ts";
import type { Category, Complaint } from "../schema/complaint.ts";
import { contentWords, jaccard } from "./similarity.ts";

/** How duplicates are found; defaults chosen from the dev corpus (see README). */
export interface DuplicateSettings {
  windowDays: number;
  /** Word similarity that alone makes a near duplicate. */
  threshold: number;
  /** Lower similarity that is enough for the same customer about the same order and category. */
  sameOrderThreshold: number;
}

export interface DuplicateProbe {
  customerEmail: string;
  /** The sender's display name ("" when none): with a shared order number, the same person. */
  customerName?: string;
  contentHash: string;
  subject: string;
  text: string;
  orderNumbers: string[];
  category: Category;
  language: string;
  receivedAt: string;
}

export interface DuplicateMatch {
  original: Complaint;
  kind: "exact" | "near";
  score: number;
}

/**
 * The complaint this message repeats, if any: the same normalised content within the window
 * (exact), or a near duplicate among recent complaints of the same customer and of any customer
 * sharing an order number. `self` is the id of a stored complaint being routed on a retry: it is
 * never its own duplicate.
 */
export async function findDuplicate(
  store: ComplaintStore,
  probe: DuplicateProbe,
  settings: DuplicateSettings,
  self?: string,
): Promise<DuplicateMatch | null> {
  const since = new Date(Date.parse(probe.receivedAt) - settings.windowDays * 86_400_000)
    .toISOString();
  const exact = await store.findOriginalByHash(probe.contentHash, since);
  if (exact && exact.id !== self) return { original: exact, kind: "exact", score: 1 };
  const candidates = await store.duplicateCandidates({
    customerEmail: probe.customerEmail,
    orderNumbers: probe.orderNumbers,
    since,
    limit: 50,
  });
  // Most complaints are a customer's first: nothing to compare, so no words to read.
  if (candidates.every((c) => c.id === self)) return null;
  const words = contentWords(probe.subject, probe.text);
  let best: DuplicateMatch | null = null;
  for (const c of candidates) {
    if (c.id === self) continue;
    const score = jaccard(words, contentWords(c.subject, c.description));
    if (!isNearDuplicate(probe, c, score, settings)) continue;
    if (!best || score > best.score) best = { original: c, kind: "near", score };
  }
  return best;
}

/**
 * The rule: a different customer needs both a shared order number and the full threshold; the
 * same customer needs the full threshold when neither names an order, and never matches when
 * both name only different orders; the same customer about a shared order in the same category
 * needs only the lower threshold, or none when the languages differ (a translated resend).
 */
/** Display names that are the same once case, spacing and quotes are set aside (and not empty). */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s.normalize("NFKC").replace(/["'`]/g, "").replace(/\s+/g, " ").trim()
      .toLowerCase();
  const x = norm(a);
  return x.length >= 3 && x === norm(b);
}

export function isNearDuplicate(
  probe: DuplicateProbe,
  candidate: Complaint,
  score: number,
  settings: DuplicateSettings,
): boolean {
  const theirs = candidate.entities.orderNumbers;
  const shared = probe.orderNumbers.some((o) => theirs.includes(o));
  // The same person writing from another address (work and home mail): the same display name
  // about a shared order counts as the same customer.
  const sameCustomer =
    candidate.customer.email.toLowerCase() === probe.customerEmail.toLowerCase() ||
    (shared && sameName(candidate.customer.name, probe.customerName ?? ""));
  if (!sameCustomer) return shared && score >= settings.threshold;
  if (!shared) {
    if (probe.orderNumbers.length > 0 && theirs.length > 0) return false;
    return score >= settings.threshold;
  }
  if (candidate.category !== probe.category) return score >= settings.threshold;
  if (candidate.language !== probe.language) return true;
  return score >= settings.sameOrderThreshold;
}
