import { isSpaceAt, letterRunStart } from "../chars.ts";
import { digitPattern, digitRunEnd, digitRunStarts, matchesNearDigits, runsWhere } from "./scan.ts";

const MONTHS: [RegExp, number][] = [
  [/^(jan|january|январ|қаңтар)/iu, 1],
  [/^(feb|february|феврал|ақпан)/iu, 2],
  [/^(mar|march|март|наурыз)/iu, 3],
  [/^(apr|april|апрел|сәуір)/iu, 4],
  [/^(may|ма[йяе]|мамыр)/iu, 5],
  [/^(jun|june|июн|маусым)/iu, 6],
  [/^(jul|july|июл|шілде)/iu, 7],
  [/^(aug|august|август|тамыз)/iu, 8],
  [/^(sep|sept|september|сентябр|қыркүйек)/iu, 9],
  [/^(oct|october|октябр|қазан)/iu, 10],
  [/^(nov|november|ноябр|қараша)/iu, 11],
  [/^(dec|december|декабр|желтоқсан)/iu, 12],
];
const MONTH_WORD = "(?:january|february|march|april|may|june|july|august|september|october|" +
  "november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?" +
  "|(?:январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)\\p{L}*|ма[йяе]" +
  "|(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\\p{L}*";
const ORD = "(?:st|nd|rd|th|-?го|-?е|-?ое|-?ші|-?шы)?";
// The year must be a whole 19xx/20xx number: "12 қарашада 6612450" is a day, then an order.
const YEAR = "(?:,?\\s+((?:19|20)\\d{2})(?!\\p{N})(?:\\s*(?:г\\.?|года|год|жыл\\p{L}*))?)?";

const NUMERIC = /(?<![\p{L}\p{N}.\/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\p{N}]|[.\/-]\d)/gu;
const NUMERIC_SHORT =
  /(?<![\p{L}\p{N}.\/,-])(\d{1,2})\.(\d{2})(?![\p{N}]|[.,]\d|\s*(?:₸|kzt|тг|тенге|%|usd|\$|€))/giu;
const ISO = /(?<![\p{N}\-\/.])(\d{4})([-/.])(\d{2})\2(\d{2})(?![\p{N}])/gu;
const DAY_MONTH = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})${ORD}(?:\\s*(?:-|–|—|to|and|и|по|до)\\s*(\\d{1,2})${ORD})?` +
    `(?:\\s+of)?\\s+(${MONTH_WORD})(?![\\p{L}])${YEAR}`,
  "giu",
);
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}])(${MONTH_WORD})\\s+(\\d{1,2})${ORD}(?![\\p{N}:])${YEAR}`,
  "giu",
);
const YEAR_FIRST_KK = new RegExp(
  `(?<![\\p{N}])(\\d{4})\\s*(?:ж\\.?|жылғы|жылы)\\s+(\\d{1,2})\\s+(${MONTH_WORD})`,
  "giu",
);
// Each pattern above but MONTH_DAY starts with the first digit of a run (its look-behind forbids
// a digit before), so it is tried only there (see scan.ts), and only at runs as long as its
// leading `\d{…}` followed by what must come next.
const NUMERIC_AT = digitPattern(NUMERIC);
const ISO_AT = digitPattern(ISO);
const NUMERIC_SHORT_AT = digitPattern(NUMERIC_SHORT);
const DAY_MONTH_AT = digitPattern(DAY_MONTH);
const YEAR_FIRST_KK_AT = digitPattern(YEAR_FIRST_KK);
const MONTH_DAY_AT = digitPattern(MONTH_DAY);
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const NUMERIC_RUNS = runsWhere(1, 2, (c) => c === 46 || c === 47 || c === 45); // . / -
const NUMERIC_SHORT_RUNS = runsWhere(1, 2, (c) => c === 46); // .
const ISO_RUNS = runsWhere(4, 4, (c) => c === 46 || c === 47 || c === 45); // . / -
// A day is followed by its ordinal ending, a range ("to", "и", dashes) or whitespace; anything
// beyond ASCII may be one of these (or match one in any case), so it is let through.
const DAY_RUNS = runsWhere(1, 2, (c) => c > 127 || isAsciiLetter(c) || isAsciiSpace(c) || c === 45);
// A Kazakh year is followed by whitespace or "ж…".
const KK_YEAR_RUNS = runsWhere(4, 4, (c) => c > 127 || isAsciiSpace(c));

/**
 * Where MONTH_DAY can start: a month name is a whole run of letters (the look-behind forbids a
 * letter before it, and whitespace follows it or its dot), so for a day number after whitespace,
 * at the start of the run of letters before that whitespace.
 */
function monthNameStarts(text: string, digits: number[]): number[] {
  const starts: number[] = [];
  // The day is at most two digits: `(\d{1,2})` then no digit.
  for (const d of digits.filter((d) => digitRunEnd(text, d) - d <= 2)) {
    let i = d;
    while (i > 0 && isSpaceAt(text, i - 1)) i--;
    if (i === d) continue;
    if (text[i - 1] === ".") i--;
    const start = letterRunStart(text, i);
    if (start < i) starts.push(start);
  }
  return starts;
}

const VERSION_BEFORE = /(version|ver|v|версия|версии|нұсқа|android|ios|app|build)\s*$/i;

function monthNumber(word: string): number | undefined {
  return MONTHS.find(([re]) => re.test(word.trim()))?.[1];
}

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The email's year, for dates written without one. */
export function defaultYear(receivedAt?: string): number {
  const t = receivedAt ? Date.parse(receivedAt) : NaN;
  return Number.isFinite(t) ? new Date(t).getUTCFullYear() : new Date().getUTCFullYear();
}

/**
 * Calendar dates in English, Russian and Kazakh forms ("31.08.2026", "10.09", "2026-10-12",
 * "3 September", "Sep 9, 2026", "19 августа", "5 қыркүйек"), normalised to ISO YYYY-MM-DD,
 * unique and sorted. A date without a year takes the email's year. Months without a day and
 * relative dates are not calendar dates (see `extractRelativeDates`). `digits` are the text's
 * `digitRunStarts` when the caller already has them.
 */
export function extractDates(
  text: string,
  receivedAt?: string,
  digits: number[] = digitRunStarts(text),
): string[] {
  const year0 = defaultYear(receivedAt);
  const out = new Set<string>();
  const add = (v: string | undefined) => v && out.add(v);
  for (const m of matchesNearDigits(text, NUMERIC_AT, digits, NUMERIC_RUNS)) {
    add(iso(+m[4], +m[3], +m[1]) ?? iso(+m[4], +m[1], +m[3]));
  }
  for (const m of matchesNearDigits(text, ISO_AT, digits, ISO_RUNS)) add(iso(+m[1], +m[3], +m[4]));
  for (const m of matchesNearDigits(text, NUMERIC_SHORT_AT, digits, NUMERIC_SHORT_RUNS)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (VERSION_BEFORE.test(before) || /\d[:.]\s*$/.test(before)) continue;
    add(iso(year0, +m[2], +m[1]));
  }
  for (const m of matchesNearDigits(text, DAY_MONTH_AT, digits, DAY_RUNS)) {
    const month = monthNumber(m[3]);
    if (!month) continue;
    const y = m[4] ? +m[4] : year0;
    add(iso(y, month, +m[1]));
    if (m[2]) add(iso(y, month, +m[2]));
  }
  for (const m of matchesNearDigits(text, MONTH_DAY_AT, digits, monthNameStarts)) {
    const month = monthNumber(m[1]);
    if (month) add(iso(m[3] ? +m[3] : year0, month, +m[2]));
  }
  for (const m of matchesNearDigits(text, YEAR_FIRST_KK_AT, digits, KK_YEAR_RUNS)) {
    const month = monthNumber(m[3]);
    if (month) add(iso(+m[1], month, +m[2]));
  }
  return [...out].sort();
}

const RELATIVE: [RegExp, (m: RegExpMatchArray) => number][] = [
  [/(?<!\p{L})(today|сегодня|бүгін)(?!\p{L})/giu, () => 0],
  [/(?<!\p{L})(yesterday|вчера|кеше)(?!\p{L})/giu, () => -1],
  [/(?<!\p{L})(the day before yesterday|позавчера)(?!\p{L})/giu, () => -2],
  [/(?<!\p{L})(tomorrow|завтра|ертең)(?!\p{L})/giu, () => 1],
  [/(?<!\p{L})(\d{1,2})\s+(days?|дн\p{L}*|день)\s+(ago|назад)(?!\p{L})/giu, (m) => -Number(m[1])],
  [
    /(?<!\p{L})(\d{1,2})\s+(weeks?|недел\p{L}*)\s+(ago|назад)(?!\p{L})/giu,
    (m) => -7 * Number(m[1]),
  ],
  [/(?<!\p{L})(\d{1,2})\s+күн\s+бұрын(?!\p{L})/giu, (m) => -Number(m[1])],
];

/**
 * Relative dates ("yesterday", "вчера", "3 days ago", "кеше") resolved against the email's date,
 * as ISO dates, unique and sorted.
 */
export function extractRelativeDates(text: string, receivedAt: string): string[] {
  const base = Date.parse(receivedAt);
  if (!Number.isFinite(base)) return [];
  const out = new Set<string>();
  for (const [re, offset] of RELATIVE) {
    for (const m of text.matchAll(re)) {
      out.add(new Date(base + offset(m) * 86_400_000).toISOString().slice(0, 10));
    }
  }
  return [...out].sort();
}
