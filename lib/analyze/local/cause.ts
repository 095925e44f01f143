/**
 * Which way the goods went, the root cause between a return and a delivery: a refund for goods
 * that never came is a delivery failure, a refund for goods sent back (or an order cancelled) is
 * a return. Customers ask for their money back in both; what happened to the item decides.
 */

// The customer sent the item back or called the order off.
const WENT_BACK = new RegExp(
  "(?<!\\p{L})(?:(?:returned|sent back|send back|brought back|handed back|taken back|took back|" +
    "shipped back|posted back|dropped off)(?!\\p{L})|return(?:ed)? (?:the |my |it|them)|" +
    "cancel+(?:ed|ing)? (?:the |my |this )?order|cancel+ation|" +
    "вернул\\p{L}* (?:товар|его|ее|её|их|в магазин|обратно)|сдал\\p{L}*|отправил\\p{L}* обратно|" +
    "отменил\\p{L}*|отмен\\p{L}* заказ\\p{L}*|возврат товара|" +
    "қайтардым|қайтарып бердім|болдырма\\p{L}*)",
  "iu",
);
// The goods have not reached the customer (said of the order, not of money).
const NEVER_CAME = new RegExp(
  "(?<!\\p{L})(?:never (?:came|arrived|got here|showed up|turned up|was delivered)|" +
    "(?:has|have|did|had)(?: not|n'?t) (?:yet |even |been )*(?:arrived|come|turned up|been delivered)|" +
    "not (?:been )?delivered|undelivered|" +
    "не (?:пришел|пришла|пришло|доставил\\p{L}*|доставлен\\p{L}*|привез\\p{L}*)|" +
    "так и не (?:пришел|пришла|пришло|привезли|доставили)|" +
    "келмеді|келген жоқ|жеткізілмеді|жеткізбеді|жеткізілген жоқ)(?!\\p{L})",
  "iu",
);
// Money just before it ("деньги не пришли", "the refund has not arrived") is what did not come.
const MONEY_WORD =
  /(?<!\p{L})(?:refund\p{L}*|money|funds|payment|деньг\p{L}*|средств\p{L}*|ақша\p{L}*|төлем\p{L}*)(?!\p{L})/iu;
// How far before the verb its subject is looked for.
const SUBJECT_CHARS = 40;
const MAX_CHARS = 4000;

/** What happened to the goods, as the customer tells it. */
export interface GoodsFlow {
  wentBack: boolean;
  neverCame: boolean;
}

/** Reads whether the goods went back to the shop and whether they never reached the customer. */
export function readGoodsFlow(text: string): GoodsFlow {
  let wentBack = false;
  let neverCame = false;
  for (const sentence of text.slice(0, MAX_CHARS).split(/[.!?\n]+/)) {
    if (!wentBack && WENT_BACK.test(sentence)) wentBack = true;
    if (!neverCame) {
      const m = NEVER_CAME.exec(sentence);
      if (m && !MONEY_WORD.test(sentence.slice(Math.max(0, m.index - SUBJECT_CHARS), m.index))) {
        neverCame = true;
      }
    }
  }
  return { wentBack, neverCame };
}
