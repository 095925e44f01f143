import { normalizeBody, normalizeSubject } from "../pipeline/content_hash.ts";

const STOP = new Set(
  (
    "the and for you your with this that have has was were are not but from our out any can " +
    "will would please thank thanks hello regards dear just also there what when which about " +
    "это как что для мне меня вас ваш ваше ваши был была было были уже еще ещё так его она они " +
    "здравствуйте спасибо пожалуйста уважением добрый день если или при чем чтобы"
  ).split(" "),
);

/**
 * The words that carry a message's content: subject and body without quotes or signature,
 * lowercased, three or more letters, stop words dropped, Russian endings trimmed to a stem so
 * a reworded resend still shares its words.
 */
export function contentWords(subject: string, body: string): Set<string> {
  const text = `${normalizeSubject(subject)} ${normalizeBody(body)}`;
  const words = new Set<string>();
  for (const w of text.match(/[\p{L}\p{N}]{3,}/gu) ?? []) {
    if (STOP.has(w)) continue;
    // Russian inflects endings: a five-letter prefix makes заказ/заказа/заказом one word.
    words.add(/^[а-яёәіңғүұқөһ]+$/.test(w) && w.length > 5 ? w.slice(0, 5) : w);
  }
  return words;
}

/** Jaccard similarity of two word sets (0 when both are empty). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}
