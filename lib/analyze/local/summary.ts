import { type Category, CATEGORY_INFO, type Priority } from "../../schema/complaint.ts";
import { mentions } from "./category.ts";
import { squash } from "./text.ts";

const GREETING =
  /^(hi|hello|hey|dear|good (morning|afternoon|evening)|здравствуйте|добрый (день|вечер)|доброе утро|привет|сәлеметсіз бе|қайырлы (күн|таң|кеш))\b/iu;

function sentences(text: string): string[] {
  return squash(text)
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 12 && !GREETING.test(s.replace(/^[^\p{L}]+/u, "")));
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).replace(/[,;:\s]+$/, "") + "…";
}

/**
 * One sentence: category and priority, product and order if known, then the customer's key
 * sentence (the first one that mentions the chosen category's words, else the subject).
 */
export function summarize(opts: {
  category: Category;
  priority: Priority;
  subject: string;
  text: string;
  /** Phrases of the category's lexicon found in the email (`CategoryResult.hits`). */
  keyTerms: readonly string[];
  product?: string;
  order?: string;
}): string {
  const all = sentences(opts.text);
  const key = all.find((s) => mentions(s, opts.category, opts.keyTerms)) ?? all[0] ??
    squash(opts.subject);
  const about = [opts.product, opts.order ? `order ${opts.order}` : ""].filter(Boolean).join(", ");
  const head = `${CATEGORY_INFO[opts.category].label} (${opts.priority})` +
    (about ? `, ${about}` : "");
  const body = clip((key || squash(opts.subject) || "no text").replace(/[.!?…]+$/, ""), 160);
  return `${head}: ${body}${body.endsWith("…") ? "" : "."}`;
}
