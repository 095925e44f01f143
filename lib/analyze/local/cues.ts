/**
 * Cues read from the shape of the text rather than from lexicon phrases: counted contacts
 * ("3rd email"), reply chains ("RE: RE:"), time already waited ("прошёл уже месяц"), shouting in
 * capitals and whether the sender writes in the first person.
 */

// "3rd email", "fourth time", "пятая попытка", "үшінші рет": the sender has contacted us before.
// "second" is left to the lexicon (weaker), other ordinals count fully.
const ORDINAL = "(?:\\d+\\s?(?:rd|th|-?[йяе])|third|fourth|fifth|sixth|seventh|tenth|" +
  "трет(?:ий|ья|ье|ью|ьего)|четв[её]рт(?:ый|ая|ое|ую)|пят(?:ый|ая|ое|ую)|шест(?:ой|ая|ое|ую)|" +
  "үшінші|төртінші|бесінші)";
const CONTACT_NOUN =
  "(?:time|email|e-mail|message|letter|attempt|request|call|try|раз|письм\\p{L}*|" +
  "обращени\\p{L}*|попытк\\p{L}*|звон\\p{L}*|рет|хат\\p{L}*|өтініш\\p{L}*)";
// The ordinal is captured only so that the look-behind can follow it (`\1`, then the character
// before): a pattern that starts with the ordinal itself lets the engine skip ahead to where one
// could begin instead of trying every position. Same matches as a leading look-behind.
const ORDINAL_CONTACT = new RegExp(
  `(${ORDINAL})(?<![\\p{L}\\d]\\1)\\s+(?:\\p{L}+\\s+)?${CONTACT_NOUN}(?!\\p{L})`,
  "giu",
);

// Two or more reply prefixes: the thread has gone back and forth without a fix.
const REPLY_CHAIN = /^\s*(?:(?:re|ответ|fwd?|aw)\s*(?:\[\d+\])?\s*:\s*){2,}/i;

// Time already spent waiting: "прошёл уже месяц", "for two weeks", "бір айға жуық уақыт өтті".
const SPAN = "(?:\\d+|a|one|two|three|four|five|several|over a|more than a|один|два|две|три|" +
  "четыре|пять|несколько|больше|более)";
const ELAPSED = new RegExp(
  [
    `(?<!\\p{L})(?:waiting|waited|stuck|pending|delayed)\\s+(?:for\\s+)?` +
    `(?:over\\s+|more than\\s+|almost\\s+)?(?:${SPAN}\\s+)?(?:weeks?|months?)(?!\\p{L})`,
    `(?<!\\p{L})already\\s+(?:been\\s+)?(?:over\\s+)?(?:${SPAN}\\s+)?(?:weeks?|months?)(?!\\p{L})`,
    `(?<!\\p{L})(?:weeks?|months?)\\s+(?:now|already|and (?:still|nothing))`,
    // Russian "прошла неделя" is in the repeat lexicon; only the waiting itself is read here.
    `(?<!\\p{L})жд\\p{L}*\\s+(?:уже\\s+)?(?:почти\\s+)?(?:больше\\s+)?(?:${SPAN}\\s+)?` +
    `(?:недел\\p{L}*|месяц\\p{L}*)`,
    `(?<!\\p{L})(?:апта|ай)\\p{L}*\\s+(?:жуық\\s+)?(?:уақыт\\s+)?өтті`,
  ].join("|"),
  "giu",
);
// Every form above names weeks or months ("апта", "ай" only before "өтті"): without one of these
// words (most texts) the scan is skipped.
const ELAPSED_UNIT = /week|month|недел|месяц|өтті/iu;

// Words in capitals that are names of things, not shouting.
const ACRONYMS = new Set([
  "URGENT",
  "OLED",
  "QLED",
  "HDMI",
  "IMEI",
  "ASAP",
  "GDPR",
  "USSD",
  "WIFI",
  "HTTP",
  "HTTPS",
  "JSON",
  "VISA",
  "NOTE",
  "DEAR",
  "ESF",
  "ТОО",
  "ИИН",
  "БИН",
]);
// The look-behind follows the first capital (same matches): the engine then skips straight to
// capitals instead of trying every position.
const CAPS_WORD = /\p{Lu}(?<![\p{L}\d]\p{Lu})[\p{Lu}]{3,}(?![\p{L}\d])/gu;

/** How many times the sender names an ordinal contact ("third email", "5th attempt"). */
export function countOrdinalContacts(text: string): number {
  return (text.match(ORDINAL_CONTACT) ?? []).length;
}

/** Whether the subject carries two or more reply prefixes ("RE: RE: …"). */
export function isReplyChain(subject: string): boolean {
  return REPLY_CHAIN.test(subject);
}

/** How many times the sender says a long time has already passed ("two weeks now"). */
export function countElapsed(text: string): number {
  return ELAPSED_UNIT.test(text) ? (text.match(ELAPSED) ?? []).length : 0;
}

/**
 * Words of four or more letters typed in capitals that are not known acronyms: shouting. A text
 * that is mostly capitals (a banner, a newsletter header) counts as none, it is layout.
 */
export function countShouted(text: string): number {
  const caps = (text.match(CAPS_WORD) ?? []).filter((w) => !ACRONYMS.has(w));
  // No shouting at all needs no word count (the usual case).
  if (caps.length === 0) return 0;
  const words = (text.match(/\p{L}{4,}/gu) ?? []).length;
  return words > 0 && caps.length / words > 0.5 ? 0 : caps.length;
}

const FIRST_PERSON =
  /(?<!\p{L})(i|i'm|i've|i'd|my|me|я|мне|меня|мой|моя|мои|мен|менің|маған|мені)(?!\p{L})/iu;

/** Whether the sender writes as a person about themselves, as customers do and newsletters don't. */
export function isFirstPerson(text: string): boolean {
  return FIRST_PERSON.test(text);
}
