import { contentWords, jaccard } from "../routing/similarity.ts";
import type { Complaint } from "../schema/complaint.ts";
import type { Incident } from "../schema/incident.ts";

/** What two complaints are compared by to tell whether they report the same thing. */
export interface IncidentFeatures {
  category: string;
  /** The analyzer's refinement (login problem, late delivery…): the same in every language. */
  subcategory: string;
  customer: string;
  words: Set<string>;
  /** Names a product or service carries (CamelCase, letters with digits), lowercased. */
  marks: Set<string>;
  products: Set<string>;
}

/** Word similarity that alone makes two complaints of one category report the same thing. */
export const SAME_WORDS = 0.3;
/** With a shared product, this much word similarity is enough (else the same subcategory is). */
export const SAME_WORDS_WITH_PRODUCT = 0.1;

// A name like ShopApp, AquaPure, X200 or iPhone15: capitals inside a word, or letters with digits.
const MARK =
  /\b(?:[A-Za-z]+[0-9][A-Za-z0-9]*|[0-9]+[A-Za-z][A-Za-z0-9]*|[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z][A-Za-z0-9]*)\b/g;

/** The features of a complaint (its order numbers are not product names). */
export function incidentFeatures(c: Complaint): IncidentFeatures {
  const orders = new Set(c.entities.orderNumbers.map((o) => o.toLowerCase()));
  const text = `${c.subject}\n${c.description}`;
  const marks = new Set<string>();
  for (const m of text.match(MARK) ?? []) {
    const mark = m.toLowerCase();
    if (!orders.has(mark) && ![...orders].some((o) => o.includes(mark))) marks.add(mark);
  }
  return {
    category: c.category,
    subcategory: c.subcategory ?? "",
    customer: c.customer.email.toLowerCase(),
    words: contentWords(c.subject, c.description),
    marks,
    products: new Set(c.entities.products.map((p) => p.toLowerCase().trim()).filter(Boolean)),
  };
}

/**
 * Whether two complaints from different customers report the same thing: the same category, and
 * many shared words, or a shared product with some shared words or the same subcategory (which
 * links one outage written in different languages, and keeps out another question about the
 * same product).
 */
export function sameProblem(a: IncidentFeatures, b: IncidentFeatures): boolean {
  if (a.category !== b.category || a.customer === b.customer) return false;
  if (jaccard(a.words, b.words) >= SAME_WORDS) return true;
  const product = overlaps(a.marks, b.marks) || overlaps(a.products, b.products);
  // Besides the name itself: one shared name inflates the overlap of two short mails.
  const rest = jaccard(without(a.words, a.marks), without(b.words, b.marks));
  return product &&
    (rest >= SAME_WORDS_WITH_PRODUCT || (a.subcategory !== "" && a.subcategory === b.subcategory));
}

/** Whether a complaint reports what an open incident is about (its shared words and names). */
export function belongsTo(f: IncidentFeatures, incident: Incident): boolean {
  if (f.category !== incident.category) return false;
  const names = new Set(incident.products);
  const keywords = new Set(incident.keywords);
  if (jaccard(f.words, keywords) >= SAME_WORDS || shareOf(f.words, incident.keywords) >= 0.6) {
    return true;
  }
  const product = overlaps(f.marks, names) || overlaps(f.products, names);
  const rest = jaccard(without(f.words, f.marks), without(keywords, names));
  return product &&
    (rest >= SAME_WORDS_WITH_PRODUCT || (incident.subcategories ?? []).includes(f.subcategory));
}

/** What the members share: words and names found in at least two of them (most shared first). */
export function shared(
  members: IncidentFeatures[],
): { keywords: string[]; products: string[]; subcategories: string[] } {
  const count = (sets: Set<string>[]) => {
    const n = new Map<string, number>();
    for (const s of sets) for (const w of s) n.set(w, (n.get(w) ?? 0) + 1);
    return [...n].filter(([, k]) => k >= 2).sort((x, y) => y[1] - x[1]).map(([w]) => w);
  };
  return {
    keywords: count(members.map((m) => m.words)).slice(0, 20),
    products: count(members.map((m) => new Set([...m.marks, ...m.products]))).slice(0, 5),
    subcategories: count(members.map((m) => new Set(m.subcategory ? [m.subcategory] : []))),
  };
}

function without(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => !b.has(x)));
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** The share of `keywords` found among `words` (0 without keywords). */
function shareOf(words: Set<string>, keywords: string[]): number {
  if (keywords.length === 0) return 0;
  return keywords.filter((k) => words.has(k)).length / keywords.length;
}
