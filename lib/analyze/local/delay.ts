/**
 * Signs that something is late rather than asked about: a promise that has run out ("you said
 * Tuesday", "обещали за 3 дня", "үш күнде жеткіземіз дедіңіздер") or a status that stopped moving
 * ("tracking has not changed since Monday", "трек не обновляется"). A letter with these is a
 * problem to act on even when it ends in a question ("where is it?").
 */

const PROMISE = new RegExp(
  "(?<!\\p{L})(?:promised|you said|they said|was told|were told|should have (?:arrived|come|been)|" +
    "supposed to (?:arrive|come|be)|was due|were due|would (?:arrive|be delivered|come)|" +
    "обещал\\p{L}*|должн\\p{L}* был\\p{L}* (?:прийти|доставить|привезти|прибыть)|сказали,? что|" +
    "уәде\\p{L}*|дедіңіз\\p{L}*|деді)(?!\\p{L})",
  "iu",
);
const STALLED = new RegExp(
  "(?<!\\p{L})(?:(?:has|have)(?: not|n'?t) (?:changed|moved|been updated)|not (?:changed|updated|" +
    "moving)|stuck|no (?:update|movement)s?|не (?:обновля\\p{L}*|меняется|двига\\p{L}*)|" +
    "завис\\p{L}*|жаңармай\\p{L}*|өзгермей\\p{L}*)(?!\\p{L})",
  "iu",
);
// Where a stalled status is told: the tracking or order status, not an app screen.
const STATUS =
  /(?<!\p{L})(?:track\p{L}*|status|parcel|order|трек\p{L}*|отслеж\p{L}*|статус\p{L}*|посылк\p{L}*|заказ\p{L}*|тапсырыс\p{L}*|сәлемдеме\p{L}*)(?!\p{L})/iu;
const MAX_CHARS = 4000;

/** How many kinds of lateness the letter tells (a promise run out, a stalled status): 0–2. */
export function countDelayCues(text: string): number {
  let promise = 0;
  let stalled = 0;
  for (const sentence of text.slice(0, MAX_CHARS).split(/[.!?\n]+/)) {
    if (PROMISE.test(sentence)) promise = 1;
    if (STALLED.test(sentence) && STATUS.test(sentence)) stalled = 1;
  }
  return promise + stalled;
}

// The same failure once more: "again nobody came", "опять не приехал", "тағы келмеді".
const AGAIN = new RegExp(
  "(?<!\\p{L})(?:again|once more|(?:a |for the )?second time|another time|опять|снова|" +
    "(?:во )?второй раз|повторно|тағы|екінші рет|екі рет)(?!\\p{L})",
  "iu",
);
const FAILED = new RegExp(
  "(?<!\\p{L})(?:nobody|no one|nothing|not|never|didn'?t|did not|hasn'?t|wasn'?t|failed|" +
    "никто|ничего|не|нет|ешкім|ештеңе)(?!\\p{L})|\\p{L}{2,}(?:мады|меді|бады|беді|пады|педі)(?!\\p{L})",
  "iu",
);

/** Whether the letter tells the same failure happening again (0 or 1). */
export function countRepeatedFailures(text: string): number {
  for (const sentence of text.slice(0, MAX_CHARS).split(/[.!?\n]+/)) {
    if (AGAIN.test(sentence) && FAILED.test(sentence)) return 1;
  }
  return 0;
}
