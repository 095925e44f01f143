/**
 * Money the customer is out of, read from how such letters are built rather than from set
 * phrases: a sum that should have come back and has not (a money word next to an absence word,
 * with a promised or elapsed time nearby), or the same charge taken more than once. Customers
 * word these in endless ways ("nothing on my card", "деньги так и не поступили", "ақша әлі
 * түспеді"); the parts they combine are few.
 */

import { headOf, LETTER_OR_DIGIT, matchesAtWord } from "./word_match.ts";

// Money that travels to the customer: refunds, sums, funds (not "paid", which every order says).
const MONEY = "(?:refund\\p{L}*|money|funds|amount|sum|payment|tenge|kzt|₸|" +
  "деньг\\p{L}*|денеж\\p{L}*|средств\\p{L}*|возврат\\p{L}*|сумм\\p{L}*|платеж\\p{L}*|тенге|" +
  "ақша\\p{L}*|төлем\\p{L}*|теңге)";
// Something has not happened, or is gone.
const ABSENT =
  "(?:nothing|missing|not (?:yet |been |even )*(?:rec(?:ei|ie)ved|arrived|returned|back|" +
  "credited|refunded|come|shown|appeared|reached|seen)|(?:have|has|had|did|do|does|was|were|is|are)n'?t (?:yet |been |even )*" +
  "(?:rec(?:ei|ie)ved|arrived|returned|come|credited|refunded|appeared|reached|got|seen)|" +
  "never (?:came|arrived|got|rec(?:ei|ie)ved)|no sign|still no|" +
  "не (?:получил\\p{L}*|пришл\\p{L}*|пришел|поступил\\p{L}*|поступал\\p{L}*|вернул\\p{L}*|" +
  "верну\\p{L}*|зачисл\\p{L}*|вижу|видно)|так и не|до сих пор нет|ничего не|нет(?!\\p{L})|" +
  "түспеді|түскен жоқ|қайтарылмады|қайтпады|келмеді|келген жоқ|жоқ)";
// A time that has run: promised, already, weeks, "today is the 20th".
const OVERDUE = new RegExp(
  "(?:promised|should have|supposed to|within|already|still|since|past|overdue|" +
    "days?|weeks?|months?|today|обещал\\p{L}*|должн\\p{L}*|уже|прошл\\p{L}*|прошел|недел\\p{L}*|" +
    "месяц\\p{L}*|дн\\p{L}*|день|до сих пор|срок\\p{L}*|уәде\\p{L}*|апта\\p{L}*|ай|күн\\p{L}*|" +
    "әлі)(?!\\p{L})",
  "giu",
);
// The money word and the absence within a few words of each other, either way round.
// Kazakh puts the verb last, often far from its subject: "Ақша он күнде түседі деді, бірақ әлі
// күнге дейін түскен жоқ".
const KAZAKH_MONEY_ABSENT =
  /ақша\p{L}*[^.!?\n]{0,120}?(?:түспеді|түскен жоқ|қайтарылмады|қайтарылған жоқ|қайтпады|келмеді|келген жоқ)/iu;
// "I have not had my 34 990 tenge back": the money sits inside the absence.
const MONEY_NOT_BACK = new RegExp(
  `(?:not|n'?t) (?:yet )?(?:had|got|gotten|rec(?:ei|ie)ved|seen)(?:\\s+\\S+){0,4}?\\s+${MONEY}` +
    `(?:\\s+\\S+){0,2}?\\s+back(?!\\p{L})`,
  "iu",
);
const MONEY_ABSENT = new RegExp(
  `(?:${MONEY}(?:\\s+\\S+){0,6}?\\s+${ABSENT}|${ABSENT}(?:\\s+\\S+){0,6}?\\s+${MONEY})` +
    `(?!\\p{L})|nothing (?:on|in|to) my (?:card|account|balance)|на (?:карт\\p{L}*|сч[её]т\\p{L}*) ` +
    `ничего|картам\\p{L}* ештеңе`,
  "giu",
);
// One charge taken more than once: "two debits", "charged twice", "списали два раза", "екі рет".
// The shop took it: "I paid twice" (autopay and by hand) is an overpayment to settle, and an
// "extra charge" is a line to explain, neither is money taken twice.
const REPEATED_CHARGE = new RegExp(
  "(?:(?:two|2|double|duplicate|duplicated|repeated|second|две|два|двойн\\p{L}*|" +
    "повторн\\p{L}*|лишн\\p{L}*|екі|артық)\\s+(?:\\p{L}+\\s+)?(?:payments?|charges?|debits?|" +
    "transactions?|withdrawals?|списани\\p{L}*|платеж\\p{L}*|транзакц\\p{L}*|төлем\\p{L}*)|" +
    "(?:charged|debited|taken|withdrawn|billed|списал\\p{L}*|снял\\p{L}*|алынды|алды)" +
    "(?:\\s+\\S+){0,5}?\\s+(?:twice|two times|2 times|дважды|два раза|2 раза|екі рет)|" +
    // Kazakh puts the count before the verb: "екі рет алынды".
    "екі рет(?:\\s+\\S+){0,2}?\\s+(?:алынды|алды|шешілді|төленді))(?!\\p{L})",
  "giu",
);
const SENTENCE = /[^.!?\n]+[.!?]*/g;
// Quick tests for the claims' rarer halves.
const ANY_ABSENT = new RegExp(
  `${ABSENT}(?!\\p{L})|nothing (?:on|in|to) my|на (?:карт|сч)|ештеңе`,
  "giu",
);
const REPEAT_WORD =
  /twice|two|2 |double|duplicat|repeated|second|дважды|два|две|двойн|повторн|лишн|екі|артық|\d \p{L}*(?:times|раза?)/iu;
// Every claim above holds a money, charge or offer word: most letters without one skip the scan.
const ANY_MONEY =
  /refund|money|fund|amount|sum|pay|charg|debit|tenge|kzt|₸|card|account|деньг|денеж|средств|возврат|сумм|плат|списа|снял|карт|сч[её]т|тенге|ақша|төле|теңге|алынды|алды/iu;

// A deadline that runs out now, and something at stake on it (a payment due, an offer ending).
const DEADLINE = new RegExp(
  "(?:today|tomorrow|tonight|last day|deadline|due (?:today|tomorrow)|" +
    "сегодня|завтра|последний день|бүгін|ертең|соңғы күн)(?!\\p{L})",
  "giu",
);
const AT_STAKE = new RegExp(
  "(?:pay\\p{L}*|instal+ment\\p{L}*|due|penalt\\p{L}*|late fee|promo\\p{L}*|offer|" +
    "sale|discount\\p{L}*|expir\\p{L}*|оплат\\p{L}*|плат[её]ж\\p{L}*|взнос\\p{L}*|пен[иья]|" +
    "штраф\\p{L}*|просроч\\p{L}*|акци\\p{L}*|скидк\\p{L}*|промокод\\p{L}*|төле\\p{L}*|" +
    "айыппұл\\p{L}*|жеңілдік\\p{L}*)(?!\\p{L})",
  "giu",
);

// Working time given up waiting for us: a day off taken, days wasted, a whole day waited.
const TIME_LOST = new RegExp(
  "(?:took (?:a|the|another) day off|time off work|days? (?:off|wasted)|wasted (?:a|the|my|" +
    "two|three|\\d+) (?:whole )?days?|waited (?:all|the whole) day|отпрос\\p{L}* с работы|отгул\\p{L}*|" +
    "теря\\p{L}* (?:на|из-за) работ\\p{L}*|пропусти\\p{L}* работ\\p{L}*|весь день прожд\\p{L}*|" +
    "жұмыстан (?:сұран|қал|босан)\\p{L}*|күні бойы күт\\p{L}*)",
  "giu",
);

/**
 * What the customer is out of or about to lose: `moneyOut` on the scale of the `moneyLost`
 * signal (2 = sure); `deadline` 1 when a payment or offer runs out today or tomorrow; `timeLost`
 * 1 when working days were given up waiting for us (time lost is money lost).
 */
export interface Impact {
  moneyOut: number;
  deadline: number;
  timeLost: number;
}

/**
 * Reads money the customer is owed now: a sum that has not come back with a time that has run
 * in the same or a neighbouring sentence, or a charge taken twice. A question about when money
 * will come ("когда вернутся деньги?") names no absence and counts as none. A deadline counts
 * when one sentence says both when (today, tomorrow) and what is at stake (a payment, an offer).
 */
export function readImpact(text: string): Impact {
  const head = headOf(text);
  const timeLost = matchesAtWord(TIME_LOST, head) ? 1 : 0;
  if (!ANY_MONEY.test(head)) return { moneyOut: 0, deadline: 0, timeLost };
  // Each claim needs a word most letters lack: a letter without one skips that claim's patterns.
  const absent = matchesAtWord(ANY_ABSENT, head) ||
    /(?:not|n'?t) (?:yet )?(?:had|got|rec|seen)/iu.test(head);
  const repeated = REPEAT_WORD.test(head);
  let deadline = 0;
  let dated = matchesAtWord(DEADLINE, head);
  if (!absent && !repeated && !dated) return { moneyOut: 0, deadline, timeLost };
  const sentences = head.match(SENTENCE) ?? [];
  let moneyOut = 0;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (repeated && moneyOut < 2 && matchesAtWord(REPEATED_CHARGE, s, LETTER_OR_DIGIT)) {
      moneyOut = 2;
    } else if (
      absent && moneyOut < 2 &&
      (matchesAtWord(MONEY_ABSENT, s) || KAZAKH_MONEY_ABSENT.test(s) || MONEY_NOT_BACK.test(s))
    ) {
      const near = (sentences[i - 1] ?? "") + " " + s + " " + (sentences[i + 1] ?? "");
      if (matchesAtWord(OVERDUE, near)) moneyOut = 2;
    }
    if (dated && matchesAtWord(DEADLINE, s) && matchesAtWord(AT_STAKE, s)) {
      deadline = 1;
      dated = false;
    }
    if (moneyOut >= 2 && !dated) break;
  }
  return { moneyOut, deadline, timeLost };
}
