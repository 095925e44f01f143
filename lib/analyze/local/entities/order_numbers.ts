// Candidate identifiers: letters, digits, "-" and "/" joined without spaces, optionally after # or №.
const CANDIDATE =
  /(?<![\p{L}\p{N}\-])([#№]\s?)?([\p{L}\p{N}](?:[\p{L}\p{N}]|[-/](?=[\p{L}\p{N}])){3,27})(?![\p{L}\p{N}])/gu;

// Words that introduce the retailer's order number.
const ORDER_WORD =
  /(?<!\p{L})(order|orders|ord|заказ\p{L}*|тапсырыс\p{L}*|zakaz\p{L}*)(?!\p{L})/giu;
// Words that introduce other numbers that look alike: parcels, tickets, contracts, receipts…
const OTHER_WORD =
  /(?<!\p{L})(parcel|tracking|track|shipment|waybill|consignment|awb|ticket|case|request|contract|agreement|receipt|act|claim|appeal|iban|account|card|invoice|serial|s\/n|imei|model|article|sku|посылк\p{L}*|трек\p{L}*|накладн\p{L}*|отправлени\p{L}*|обращени\p{L}*|заявк\p{L}*|договор\p{L}*|квитанц\p{L}*|чек\p{L}*|акт\p{L}*|тикет\p{L}*|карт\p{L}*|счет\p{L}*|счёт\p{L}*|серийн\p{L}*|сәлемдеме\p{L}*|шарт\p{L}*|өтініш\p{L}*)(?!\p{L})/giu;
// What may stand between "order" and its number: "order no. 12345", "заказ № 12345", "нөмірі".
const GAP =
  /^[\s:#№.,(\-–]*(?:(?:number|no|nr|num|id|ref|reference|is|was|under|for|нөмірі|номер|номером|the|my)[\s:#№.,(\-–]*){0,3}$/iu;

// A retailer-style identifier on its own: 2-4 letters, a year, a long serial (AB-2026-012345).
const STRONG = /^([A-Z]{2,4}-(19|20)\d\d-\d{4,8}|(ORD|ORDER)-?\d{4,10})$/;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;

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
 * Finds the retailer's order numbers: identifiers introduced by "order"/"заказ"/"тапсырыс" or
 * shaped like a retailer order id (AB-2026-012345), and then any identifier of the same shape,
 * except those introduced by parcel, ticket, contract, case or receipt words. "#" and "№" are
 * dropped; order of first appearance is kept.
 */
export function extractOrderNumbers(text: string): string[] {
  const candidates: Candidate[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const value = m[2];
    const digits = (value.match(/\d/g) ?? []).length;
    const letters = (value.match(/\p{L}/gu) ?? []).length;
    if (digits < 4 || DATE_LIKE.test(value)) continue;
    if (letters > 0 && !/\p{Lu}/u.test(value)) continue;
    if (letters > digits + 2) continue;
    const index = m.index + (m[1]?.length ?? 0);
    let verdict = contextVerdict(text, m.index);
    if (verdict === "none" && m[1]) verdict = "order";
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
