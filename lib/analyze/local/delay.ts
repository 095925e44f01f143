/**
 * Signs that something is late rather than asked about: a promise that has run out ("you said
 * Tuesday", "обещали за 3 дня", "үш күнде жеткіземіз дедіңіздер") or a status that stopped moving
 * ("tracking has not changed since Monday", "трек не обновляется"). A letter with these is a
 * problem to act on even when it ends in a question ("where is it?").
 */

import { headOf, matchesAtWord, sentencesOf } from "./word_match.ts";

const PROMISE = new RegExp(
  "(?:promised|you said|they said|was told|were told|should have (?:arrived|come|been)|" +
    "supposed to (?:arrive|come|be)|was due|were due|would (?:arrive|be delivered|come)|" +
    "обещал\\p{L}*|должн\\p{L}* был\\p{L}* (?:прийти|доставить|привезти|прибыть)|сказали,? что|" +
    "уәде\\p{L}*|дедіңіз\\p{L}*|деді)(?!\\p{L})",
  "giu",
);
const STALLED = new RegExp(
  "(?:(?:has|have)(?: not|n'?t) (?:changed|moved|been updated)|not (?:changed|updated|" +
    "moving)|stuck|no (?:update|movement)s?|не (?:обновля\\p{L}*|меняется|двига\\p{L}*)|" +
    "завис\\p{L}*|жаңармай\\p{L}*|өзгермей\\p{L}*)(?!\\p{L})",
  "giu",
);
// Where a stalled status is told: the tracking or order status, not an app screen.
const STATUS =
  /(?:track\p{L}*|status|parcel|order|трек\p{L}*|отслеж\p{L}*|статус\p{L}*|посылк\p{L}*|заказ\p{L}*|тапсырыс\p{L}*|сәлемдеме\p{L}*)(?!\p{L})/giu;

/** How many kinds of lateness the letter tells (a promise run out, a stalled status): 0–2. */
export function countDelayCues(text: string): number {
  const head = headOf(text);
  const promise = matchesAtWord(PROMISE, head) ? 1 : 0;
  if (!matchesAtWord(STALLED, head)) return promise;
  let stalled = 0;
  for (const sentence of sentencesOf(head)) {
    if (matchesAtWord(STALLED, sentence) && matchesAtWord(STATUS, sentence)) stalled = 1;
  }
  return promise + stalled;
}

// The same failure once more: "again nobody came", "опять не приехал", "тағы келмеді".
const AGAIN = new RegExp(
  "(?:again|once more|(?:a |for the )?second time|another time|опять|снова|" +
    "(?:во )?второй раз|повторно|тағы|екінші рет|екі рет)(?!\\p{L})",
  "giu",
);
const FAILED = new RegExp(
  "(?:nobody|no one|nothing|not|never|didn'?t|did not|hasn'?t|wasn'?t|failed|" +
    "никто|ничего|не|нет|ешкім|ештеңе)(?!\\p{L})",
  "giu",
);

// Kazakh negated past verbs end so ("келмеді", "хабарласпады"): the ending alone is enough.
const KAZAKH_NEGATED = /(?:мады|меді|бады|беді|пады|педі)(?!\p{L})/iu;

/** Whether the letter tells the same failure happening again (0 or 1). */
export function countRepeatedFailures(text: string): number {
  const head = headOf(text);
  if (!matchesAtWord(AGAIN, head)) return 0;
  for (const sentence of sentencesOf(head)) {
    if (
      matchesAtWord(AGAIN, sentence) &&
      (matchesAtWord(FAILED, sentence) || KAZAKH_NEGATED.test(sentence))
    ) return 1;
  }
  return 0;
}
