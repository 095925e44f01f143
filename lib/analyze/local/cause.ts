/**
 * Which way the goods went, the root cause between a return and a delivery: a refund for goods
 * that never came is a delivery failure, a refund for goods sent back is a return, and an order
 * called off is not late. Customers ask for their money back in both; what happened to the item decides.
 */

import { execAtWord, headOf, matchesAtWord, sentencesOf } from "./word_match.ts";

// The customer sent the item back.
const WENT_BACK = new RegExp(
  "(?:(?:returned|dropped off)(?!\\p{L})|return(?:ed)? (?:the |my |it|them)|" +
    // "sent the speaker back", "brought it back": the object may sit between verb and "back".
    "(?:sent|send|brought|bring|handed|hand|taken|took|take|shipped|ship|posted|post|mailed)" +
    "(?: \\S+){0,3}? back(?!\\p{L})|" +
    "вернул\\p{L}* (?:товар|его|ее|её|их|в магазин|обратно)|сдал\\p{L}*|отправил\\p{L}* обратно|" +
    "возврат товара|қайтардым|қайтарып бердім)",
  "giu",
);
// The customer called the order off: the goods then are not expected, so not late either.
const CALLED_OFF = new RegExp(
  "(?:cancel+(?:ed|ing)? (?:the |my |this )?order|cancel+ation|отменил\\p{L}*|" +
    "отмен\\p{L}* заказ\\p{L}*|болдырма\\p{L}*|бас тарттым)",
  "giu",
);
// The goods have not reached the customer (said of the order, not of money).
const NEVER_CAME = new RegExp(
  "(?:never (?:came|arrived|got here|showed up|turned up|was delivered)|" +
    "(?:has|have|did|had)(?: not|n'?t) (?:yet |even |been )*(?:arrived|come|turned up|been delivered)|" +
    "not (?:been )?delivered|undelivered|" +
    "не (?:пришел|пришла|пришло|доставил\\p{L}*|доставлен\\p{L}*|привез\\p{L}*)|" +
    "так и не (?:пришел|пришла|пришло|привезли|доставили)|" +
    "келмеді|келген жоқ|жеткізілмеді|жеткізбеді|жеткізілген жоқ)(?!\\p{L})",
  "giu",
);
// Money just before it ("деньги не пришли", "the refund has not arrived") is what did not come.
const MONEY_WORD =
  /(?<!\p{L})(?:refund\p{L}*|money|funds|payment|деньг\p{L}*|средств\p{L}*|ақша\p{L}*|төлем\p{L}*)(?!\p{L})/iu;
// How far before the verb its subject is looked for.
const SUBJECT_CHARS = 40;

/** What happened to the goods, as the customer tells it. */
export interface GoodsFlow {
  wentBack: boolean;
  calledOff: boolean;
  neverCame: boolean;
}

/**
 * Reads whether the goods went back to the shop, whether the order was called off and whether
 * the goods never reached the customer.
 */
export function readGoodsFlow(text: string): GoodsFlow {
  const head = headOf(text);
  // Most letters tell none of these: one pass each over the whole text settles them.
  const wentBack = matchesAtWord(WENT_BACK, head);
  const calledOff = matchesAtWord(CALLED_OFF, head);
  let neverCame = false;
  if (matchesAtWord(NEVER_CAME, head)) {
    for (const sentence of sentencesOf(head)) {
      const m = execAtWord(NEVER_CAME, sentence);
      if (m && !MONEY_WORD.test(sentence.slice(Math.max(0, m.index - SUBJECT_CHARS), m.index))) {
        neverCame = true;
        break;
      }
    }
  }
  return { wentBack, calledOff, neverCame };
}
