import { classOf, codePointBefore, WORD_CHAR } from "../chars.ts";
import { digitPattern, digitRunStarts, matchesNearDigits } from "./scan.ts";
import { findPhones, type PhoneMatch } from "./phones.ts";

// Candidate identifiers: letters, digits, "-" and "/" joined without spaces, optionally after # or №.
// The lookahead skips words without a digit early (every candidate needs four).
const CANDIDATE =
  /(?<![\p{L}\p{N}\-])([#№]\s?)?(?=[\p{L}\p{N}\-/]*\d)([\p{L}\p{N}](?:[\p{L}\p{N}]|[-/](?=[\p{L}\p{N}])){3,27})(?![\p{L}\p{N}])/gu;

const CANDIDATE_AT = digitPattern(CANDIDATE);

/** Whether the code point is one identifiers are made of: `[\p{L}\p{N}\-/]`. */
function isIdChar(cp: number): boolean {
  return cp === 45 || cp === 47 || (classOf(cp) & WORD_CHAR) !== 0;
}

/**
 * Where CANDIDATE can start. Its identifier needs a digit further on within the same run of
 * identifier characters, and the look-behind lets it begin only where that run does or after a
 * "/" in it; "#"/"№" and a space may stand just before the run.
 */
function candidateStarts(text: string, digits: number[]): number[] {
  const starts: number[] = [];
  let runEnd = -1;
  for (const d of digits) {
    if (d < runEnd) continue; // a digit of a run already seen
    let start = d;
    while (start > 0 && isIdChar(codePointBefore(text, start))) {
      start -= codePointBefore(text, start) > 0xffff ? 2 : 1;
    }
    starts.push(start - 2, start - 1, start);
    for (runEnd = start; runEnd < text.length;) {
      const cp = text.codePointAt(runEnd)!;
      if (!isIdChar(cp)) break;
      runEnd += cp > 0xffff ? 2 : 1;
      if (cp === 47) starts.push(runEnd);
    }
  }
  return starts;
}

// Words that introduce the retailer's order number.
const ORDER_WORD =
  /(?<!\p{L})(order|orders|ord|заказ\p{L}*|тапсырыс\p{L}*|zakaz\p{L}*)(?!\p{L})/giu;
// Words that introduce other numbers that look alike: parcels, tickets, contracts, receipts,
// phones, postcodes…
const OTHER_WORD =
  /(?<!\p{L})(phones?|telephone|tel|mobile|cell|whatsapp|fax|телефон\p{L}*|тел|моб\p{L}*|сотов\p{L}*|postcodes?|postal|zip|индекс\p{L}*|почтов\p{L}*|parcels?|tracking|track|shipments?|waybills?|consignments?|awb|tickets?|cases?|requests?|contracts?|agreements?|receipts?|act|claims?|appeals?|applications?|iban|accounts?|cards?|invoices?|serial|s\/n|imei|models?|article|sku|посылк\p{L}*|трек\p{L}*|накладн\p{L}*|отправлени\p{L}*|обращени\p{L}*|заявк\p{L}*|заявлени\p{L}*|договор\p{L}*|квитанц\p{L}*|чек\p{L}*|акт\p{L}*|тикет\p{L}*|карт\p{L}*|счет\p{L}*|счёт\p{L}*|серийн\p{L}*|сәлемдеме\p{L}*|шарт\p{L}*|өтініш\p{L}*)(?!\p{L})/giu;
// What may stand between "order" and its number: "order no. 12345", "заказ № 12345", "нөмірі".
const GAP =
  /^[\s:#№.,(\-–]*(?:(?:number|no|nr|num|id|ref|reference|is|was|under|for|нөмірі|номер|номером|the|my)[\s:#№.,(\-–]*){0,3}$/iu;

// An identifier that says it is an order (ORD-44110, ORDER55102): one whatever word is before it
// ("parcel ORD-44110" is the parcel of that order).
const ORDER_ID = /^(ORD|ORDER)-?\d{4,10}$/;
// A retailer-style identifier on its own: 2-4 letters, a year, a long serial (AB-2026-012345),
// or an order id.
const STRONG = /^([A-Z]{2,4}-(19|20)\d\d-\d{4,8}|(ORD|ORDER)-?\d{4,10})$/;
// "No." and "Nr." written as the number sign, like "#" and "№" ("No. 55102").
const NUMBER_SIGN_BEFORE = /(?<!\p{L})(?:no|nr)\.\s{0,2}$/iu;
// A decimal part right after the digits: an amount ("1250.00", "1250,50"), not an identifier.
const DECIMAL_AFTER = /^[.,]\d/;
const DATE_PARTS = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$/;
// Kazakh puts the number before the word: "6620981 тапсырысы бойынша" (under order 6620981).
const ORDER_WORD_AFTER = /^\s{0,2}(тапсырыс\p{L}*)(?!\p{L})/iu;

/** A real calendar date written with digits (d-m-y or y-m-d), not just its shape. */
function isDateLike(value: string): boolean {
  const m = DATE_PARTS.exec(value);
  if (!m) return false;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const year = (y: number, digits: number) => digits === 2 || (y >= 1900 && y <= 2100);
  if (m[1].length === 4) return year(a, 4) && b >= 1 && b <= 12 && c >= 1 && c <= 31;
  return a >= 1 && a <= 31 && b >= 1 && b <= 12 && year(c, m[3].length);
}

interface Candidate {
  value: string;
  index: number;
  verdict: "order" | "other" | "none";
}

function shape(id: string): string {
  return id.replace(/\p{Lu}/gu, "A").replace(/\p{Ll}/gu, "a").replace(/\d/g, "0");
}

function contextVerdict(text: string, index: number): Candidate["verdict"] {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  const before = text.slice(Math.max(lineStart, index - 48), index);
  let best: { end: number; kind: "order" | "other" } | null = null;
  for (const m of before.matchAll(ORDER_WORD)) best = { end: m.index + m[0].length, kind: "order" };
  for (const m of before.matchAll(OTHER_WORD)) {
    const end = m.index + m[0].length;
    if (!best || end > best.end) best = { end, kind: "other" };
  }
  if (!best) return "none";
  if (best.kind === "other") return before.length - best.end <= 24 ? "other" : "none";
  return GAP.test(before.slice(best.end)) ? "order" : "none";
}

/**
 * Finds the retailer's order numbers: identifiers introduced by "order"/"заказ"/"тапсырыс" or by
 * a number sign ("#", "№", "No.", "Nr."), ids that say they are orders (ORD-44110) wherever they
 * stand, identifiers shaped like a retailer order id (AB-2026-012345), and then any identifier of
 * the same shape — except those introduced by parcel, ticket, contract, case, receipt, phone or
 * postcode words. Never a date, an amount (digits with a decimal part), or a phone number only a
 * number sign or a shape points at. The sign is dropped; order of first appearance is kept.
 * `digits` are the text's `digitRunStarts` when the caller already has them.
 */
export function extractOrderNumbers(
  text: string,
  digits: number[] = digitRunStarts(text),
): string[] {
  const candidates: Candidate[] = [];
  let phones: PhoneMatch[] | undefined;
  for (const m of matchesNearDigits(text, CANDIDATE_AT, digits, candidateStarts)) {
    const value = m[2];
    const digits = (value.match(/\d/g) ?? []).length;
    const letters = (value.match(/\p{L}/gu) ?? []).length;
    if (digits < 4 || isDateLike(value)) continue;
    if (letters > 0 && !/\p{Lu}/u.test(value)) continue;
    if (letters > digits + 2) continue;
    const index = m.index + (m[1]?.length ?? 0);
    const end = m.index + m[0].length;
    if (DECIMAL_AFTER.test(text.slice(end, end + 2))) continue;
    let verdict = contextVerdict(text, m.index);
    const byOrderWord = verdict === "order";
    if (verdict === "other" && ORDER_ID.test(value)) verdict = "order";
    if (
      verdict === "none" &&
      (m[1] || NUMBER_SIGN_BEFORE.test(text.slice(Math.max(0, m.index - 6), m.index)))
    ) {
      verdict = "order";
    }
    if (verdict === "none" && ORDER_WORD_AFTER.test(text.slice(end))) verdict = "order";
    // Only the word "order" makes a phone-shaped number an order number; a sign does not.
    if (!byOrderWord && !/\p{L}/u.test(value)) {
      phones ??= findPhones(text);
      if (phones.some((p) => p.start < index + value.length && index < p.end)) continue;
    }
    candidates.push({ value, index, verdict });
  }
  const shapes = new Set<string>();
  for (const c of candidates) {
    if (c.verdict === "order" || (c.verdict === "none" && STRONG.test(c.value))) {
      shapes.add(shape(c.value));
    }
  }
  const out: string[] = [];
  for (const c of candidates) {
    const ok = c.verdict === "order" ||
      (c.verdict === "none" && shapes.has(shape(c.value)) && /\p{L}/u.test(c.value));
    if (ok && !out.includes(c.value)) out.push(c.value);
  }
  return out;
}
