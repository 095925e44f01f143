import { letterCounts } from "./text.ts";

export type Language = "en" | "ru" | "kk" | "und";

// Letters that exist in Kazakh Cyrillic but not in Russian.
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/gu;
// Frequent Kazakh function words and endings, for Kazakh typed without its special letters.
// The look-behinds follow the word (`\1`, then the character before it), so the engine can skip
// to where a listed word could begin instead of trying every position: same matches.
const KAZAKH_WORDS =
  /(және|мен|бар|жоқ|емес|бұл|сіз|сіздер|сіздің|маған|менің|туралы|үшін|бойынша|керек|рахмет|рақмет|сәлеметсіз|қайырлы|тапсырыс|ма|ме|ба|бе|па|пе)(?<!\p{L}\1)(?!\p{L})/giu;
const RUSSIAN_WORDS =
  /(и|в|не|на|что|я|с|по|это|как|но|из|у|за|от|мне|меня|пожалуйста|здравствуйте|заказ|уже|был|была)(?<!\p{L}\1)(?!\p{L})/giu;

/**
 * Detects English, Russian or Kazakh from script and a few language-specific letters and words;
 * "und" when there is too little text to tell. Script statistics stay reliable on short texts,
 * where trigram models are not.
 */
export function detectLanguage(text: string): Language {
  const { latin, cyrillic, total } = letterCounts(text);
  if (total < 3) return "und";
  if (latin >= cyrillic) return "en";
  const kkLetters = (text.match(KAZAKH_LETTERS) ?? []).length;
  const kkWords = (text.match(KAZAKH_WORDS) ?? []).length;
  const ruWords = (text.match(RUSSIAN_WORDS) ?? []).length;
  const kkShare = kkLetters / cyrillic;
  if (kkShare > 0.02 && kkWords + kkLetters / 4 > ruWords) return "kk";
  if (kkShare > 0.04) return "kk";
  return "ru";
}
