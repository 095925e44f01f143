import type { Entities } from "../../../schema/complaint.ts";
import { letterRunStart } from "../chars.ts";
import { digitPattern, digitRunStarts, matchesNearDigits, runsWhere } from "./scan.ts";

export type Amount = Entities["amounts"][number];

const SP = "[ \\u00a0\\u2009\\u202f]";
// Thousands groups with spaces, commas or dots, then optional decimals; or a plain number.
const NUMBER = `\\d{1,3}(?:${SP}\\d{3})+(?:[.,]\\d{1,2})?|\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|` +
  `\\d{1,3}(?:\\.\\d{3})+(?:,\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?`;

// Currency spellings and what they mean.
const CURRENCY_WORDS: [RegExp, string][] = [
  [/^(₸|kzt|тенге|теңге|тг\.?|tg|tenge|тңг)$/i, "KZT"],
  [/^(₽|rub|руб\.?|рубл\p{L}*|rubles?|roubles?)$/iu, "RUB"],
  [/^(\$|usd|us\$|dollars?|доллар\p{L}*)$/iu, "USD"],
  [/^(€|eur|euros?|евро)$/iu, "EUR"],
  [/^(£|gbp|pounds?|фунт\p{L}*)$/iu, "GBP"],
  [/^(сом|kgs)$/iu, "KGS"],
  [/^(сум|uzs)$/iu, "UZS"],
  [/^(cny|yuan|юан\p{L}*|¥)$/iu, "CNY"],
];
const CUR =
  "₸|₽|\\$|€|£|¥|KZT|RUB|USD|EUR|GBP|KGS|UZS|CNY|US\\$|тенге|теңге|тг\\.?|tg|тңг|tenge|руб\\.?|рубл\\p{L}*|rubles?|roubles?|dollars?|доллар\\p{L}*|euros?|евро|pounds?|фунт\\p{L}*|сом|сум|yuan|юан\\p{L}*";

// "50 тыс. тенге", "1.2 млн ₸", "15 thousand tenge", "20 мың теңге".
const SCALE = "тыс|тысяч[аи]?|thousand|k|мың|млн|million|mln|миллион[аов]*";
const AFTER = new RegExp(
  `(?<![\\p{L}\\p{N}.,])[-+−]?(${NUMBER})(?:${SP}?(${SCALE})\\.?)?(?:${SP}?|[;,\\t]${SP}?)(${CUR})(?![\\p{L}\\p{N}])`,
  "giu",
);
const BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${CUR})${SP}?[-+−]?(${NUMBER})(?:${SP}?(${SCALE})\\.?)?(?![\\p{L}\\p{N}]|[.,]\\d)`,
  "giu",
);
// A number written with a thousands space ("2 500") right next to a money word, without currency.
const BARE = new RegExp(
  `(?<![\\p{L}\\p{N}.,+]|\\+${SP})(\\d{1,3}(?:${SP}\\d{3})+(?:[.,]\\d{2})?)(?![\\p{N}]|[.,]\\d|${SP}\\d|${SP}?(?:${CUR}))`,
  "giu",
);
// AFTER and BARE start at a number's first digit (AFTER maybe at its sign); BEFORE at the
// currency before the number. They are tried only there (see scan.ts).
const AFTER_AT = digitPattern(AFTER);
const BEFORE_AT = digitPattern(BEFORE);
const BARE_AT = digitPattern(BARE);
const SIGNS = "-+−";
const SPACES = " \u00a0\u2009\u202f";
const SYMBOLS = "₸₽$€£¥";
// BARE opens with `\d{1,3}` and a thousands space (one of SPACES).
const BARE_RUNS = runsWhere(1, 3, (c) => c === 32 || c === 0xa0 || c === 0x2009 || c === 0x202f);

/** Where AFTER can start: at a number's first digit, or at the sign just before it. */
function signedNumberStarts(text: string, digits: number[]): number[] {
  return digits.flatMap((d) => SIGNS.includes(text[d - 1]) ? [d - 1, d] : [d]);
}

/**
 * Where BEFORE can start: behind the number's optional sign and one space comes the currency,
 * a symbol ("₸", "US$") or a word that starts where its run of letters does (the look-behind
 * forbids a letter before it), maybe ending in a dot ("тг.").
 */
function currencyStarts(text: string, digits: number[]): number[] {
  const starts: number[] = [];
  for (const d of digits) {
    let end = d;
    if (SIGNS.includes(text[end - 1])) end--;
    if (SPACES.includes(text[end - 1])) end--;
    if (end === 0) continue;
    const last = text[end - 1];
    if (SYMBOLS.includes(last)) starts.push(end - 1);
    const wordEnd = last === "." || last === "$" ? end - 1 : end;
    const start = letterRunStart(text, wordEnd);
    if (start < wordEnd) starts.push(start);
  }
  return starts;
}

const MONEY_CONTEXT =
  /(difference|per month|a month|monthly|price|cost|fee|paid|pay|refund|charge|overpaid|vat|total|ндс|итого|разниц|в месяц|ежемесячн|стоимост|цен[аы]|сумм|заплат|оплат|платеж|платёж|переплат|айына|бағасы|төле)/iu;
const NOT_MONEY = /^\s*(bonus|points|баллов|балл|бонус|ұпай|pcs|шт|units|mb|gb|km|км|%)/iu;

/** Parses "219 990", "49,99", "1,299.50", "1.299,50" into a number in major units. */
export function parseNumber(raw: string): number {
  const s = raw.replace(/[ \u00a0\u2009\u202f]/g, "");
  let n: string;
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s)) n = s.replace(/,/g, "");
  else if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) n = s.replace(/\./g, "").replace(",", ".");
  else n = s.replace(",", ".");
  return Math.round(Number(n) * 100) / 100;
}

function scaleFactor(scale?: string): number {
  if (!scale) return 1;
  return /^(млн|million|mln|миллион)/i.test(scale) ? 1_000_000 : 1_000;
}

/** ISO 4217 code for a currency symbol, code or word, or undefined. */
export function currencyCode(token: string): string | undefined {
  const t = token.trim();
  return CURRENCY_WORDS.find(([re]) => re.test(t))?.[1];
}

function dominantCurrency(found: Amount[]): string | undefined {
  const counts = new Map<string, number>();
  for (const a of found) counts.set(a.currency, (counts.get(a.currency) ?? 0) + 1);
  if (counts.size !== 1) return undefined;
  return [...counts.keys()][0];
}

/**
 * Monetary amounts with a symbol, code or word, normalised to {value, currency}: "219 990 KZT",
 * "₸ 7 990", "49,99 €", "24 300 тг". A thousands-grouped number beside a money word ("the
 * difference is 2 500 per month") takes the email's only currency. Bonus points are not money.
 * De-duplicated by value and currency, in order of appearance. `digits` are the text's
 * `digitRunStarts` when the caller already has them.
 */
export function extractAmounts(text: string, digits: number[] = digitRunStarts(text)): Amount[] {
  const found: { index: number; amount: Amount }[] = [];
  const push = (index: number, raw: string, cur: string, scale?: string) => {
    const currency = currencyCode(cur);
    const value = Math.round(parseNumber(raw) * scaleFactor(scale) * 100) / 100;
    if (!currency || !Number.isFinite(value) || value <= 0) return;
    found.push({ index, amount: { value, currency } });
  };
  for (const m of matchesNearDigits(text, AFTER_AT, digits, signedNumberStarts)) {
    push(m.index, m[1], m[3], m[2]);
  }
  for (const m of matchesNearDigits(text, BEFORE_AT, digits, currencyStarts)) {
    push(m.index, m[2], m[1], m[3]);
  }
  const dominant = dominantCurrency(found.map((f) => f.amount));
  if (dominant) {
    for (const m of matchesNearDigits(text, BARE_AT, digits, BARE_RUNS)) {
      const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 25);
      const after = text.slice(m.index + m[0].length);
      const value = parseNumber(m[1]);
      // Space-grouped cells run together ("1 319 990 319 990": qty, price, sum) read as one
      // implausibly large number: not an amount.
      if (MONEY_CONTEXT.test(around) && !NOT_MONEY.test(after) && value < 1e9) {
        found.push({ index: m.index, amount: { value, currency: dominant } });
      }
    }
  }
  for (const t of tableAmounts(text)) found.push(t);
  found.sort((a, b) => a.index - b.index);
  const out: Amount[] = [];
  for (const { amount } of found) {
    if (!out.some((a) => a.value === amount.value && a.currency === amount.currency)) {
      out.push(amount);
    }
  }
  return out;
}

const CURRENCY_IN_CELL = new RegExp(`(?<![\\p{L}])(${CUR})(?![\\p{L}])`, "iu");
const CELL_NUMBER =
  /^(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)$/;

/**
 * Amounts in tables (spreadsheet and CSV text: one row per line, cells split by tabs, `;` or
 * `,`): a header cell naming a currency ("Price, KZT", "Сумма, ₸") makes the numbers below it
 * money in that currency, until a blank line or a row of another shape.
 */
export function tableAmounts(text: string): { index: number; amount: Amount }[] {
  const out: { index: number; amount: Amount }[] = [];
  let columns: Map<number, string> | null = null;
  let width = 0;
  let index = 0;
  for (const line of text.split("\n")) {
    const sep = line.includes("\t") ? "\t" : line.includes(";") ? ";" : null;
    const cells = sep ? line.split(sep).map((c) => c.trim()) : null;
    if (!cells || cells.length < 2) {
      columns = null;
    } else if (cells.some((c) => CURRENCY_IN_CELL.test(c) && !/\d/.test(c))) {
      columns = new Map();
      width = cells.length;
      cells.forEach((c, i) => {
        const code = c.match(CURRENCY_IN_CELL)?.[1];
        const currency = code ? currencyCode(code) : undefined;
        if (currency && !/\d/.test(c)) columns!.set(i, currency);
      });
    } else if (columns && Math.abs(cells.length - width) <= 1) {
      for (const [i, currency] of columns) {
        const cell = cells[i] ?? "";
        if (!CELL_NUMBER.test(cell)) continue;
        const value = parseNumber(cell);
        if (value > 0) out.push({ index: index + line.indexOf(cell), amount: { value, currency } });
      }
    } else {
      columns = null;
    }
    index += line.length + 1;
  }
  return out;
}
