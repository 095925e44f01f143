/**
 * A site or app failing, read as a pair: a digital surface (app, page, button, personal account,
 * SMS code) and a failure (does not load, shows nothing, error, crashes) in one sentence. The
 * labels' rule is that the root cause decides: "the payments section of the app is empty" is a
 * technical fault even though it is about payments, and "the app shows a higher instalment" is a
 * billing question, the app only showing it.
 */

import { headOf, matchesAtWord, sentencesOf } from "./word_match.ts";

const SURFACE = "(?:app|apps|application|website|site|web ?page|page|portal|checkout|cart|basket|" +
  "button|link|form|section|tab|menu|log ?in|sign ?in|password|verification code|sms|" +
  "account|personal account|account page|приложени\\p{L}*|сайт\\p{L}*|страниц\\p{L}*|кабинет\\p{L}*|" +
  "аккаунт\\p{L}*|корзин\\p{L}*|кнопк\\p{L}*|ссылк\\p{L}*|форм\\p{L}*|раздел\\p{L}*|" +
  "вкладк\\p{L}*|смс|sms-код\\p{L}*|код\\p{L}*|парол\\p{L}*|вход\\p{L}*|қосымша\\p{L}*|" +
  "батырма\\p{L}*|сілтеме\\p{L}*|бөлім\\p{L}*|құпия сөз\\p{L}*)";
const FAILURE =
  "(?:(?:does ?n[o']?t|did ?n[o']?t|won'?t|can'?t|cannot|can not|unable to|fails? to|" +
  "keeps? failing to|will not|is not|isn'?t)\\s+(?:\\p{L}+\\s+)?(?:load|open|work|show|display|" +
  "respond|save|accept|apply|submit|update|arrive|come|go through|let me)\\p{L}*|" +
  "shows? nothing|(?:is|was|stays|went) (?:empty|blank)|blank page|white screen|" +
  "error|crash\\p{L}*|freez\\p{L}*|hangs|keeps loading|stuck (?:on|at) loading|not loading|" +
  "not working|glitch\\p{L}*|bug|timed? ?out|expires? (?:immediately|at once)|" +
  "(?:log|kick|throw)\\p{L}* (?:me )?out|threw (?:me )?out|empt(?:ied|ies)|" +
  "(?:was |is |got |has been )?(?:locked|blocked|suspended)|never (?:comes|came|arrives|arrived)|" +
  "не\\s+(?:\\p{L}+\\s+)?(?:загружа|открыва|работа|отобража|показыва|сохраня|приход|приш|" +
  "принима|применя|нажима|срабатыва|отвеча|пуска|грузит|прогружа)\\p{L}*|пуст\\p{L}*|" +
  "бел\\p{L}* экран|ошибк\\p{L}*|вылета\\p{L}*|завис\\p{L}*|глюч\\p{L}*|сбо[йи]\\p{L}*|" +
  "ашылмай\\p{L}*|жүктелмей\\p{L}*|көрсетпей\\p{L}*|істемей\\p{L}*|қате\\p{L}*|келмей\\p{L}*|" +
  "кіре алмай\\p{L}*|заблокир\\p{L}*|выкидыва\\p{L}*|бұғатта\\p{L}*)";
const PAIR = new RegExp(
  `(?<!\\p{L})(?:${SURFACE}(?!\\p{L})[^.!?\\n]{0,80}?(?<!\\p{L})${FAILURE}|` +
    `${FAILURE}(?!\\p{L})[^.!?\\n]{0,80}?(?<!\\p{L})${SURFACE})(?!\\p{L})`,
  "iu",
);
// Each half alone, without the look-behind that makes the pair slow: most sentences lack one,
// and only those with both are tried as a pair.
const ANY_SURFACE = new RegExp(`${SURFACE}(?!\\p{L})`, "giu");
const ANY_FAILURE = new RegExp(`${FAILURE}(?!\\p{L})`, "giu");
// The customer describes the fault at the start; a pasted log further down repeats "error".

/** How many sentences pair a site/app surface with a failure (at most 2 are counted). */
export function countDigitalFaults(text: string): number {
  const head = headOf(text);
  if (!matchesAtWord(ANY_FAILURE, head) || !matchesAtWord(ANY_SURFACE, head)) return 0;
  let n = 0;
  for (const sentence of sentencesOf(head)) {
    if (!matchesAtWord(ANY_SURFACE, sentence) || !matchesAtWord(ANY_FAILURE, sentence)) continue;
    if (PAIR.test(sentence) && ++n >= 2) break;
  }
  return n;
}
