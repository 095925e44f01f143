// +7 / 8 numbers of Kazakhstan and Russia, and other international numbers written with "+".
const KZ_RU =
  /(?<![\p{L}\p{N}+*])(?:\+\s?7|8)[\s\u00a0(-]*(\d{3,4})[\s\u00a0)-]*(\d{2,3})[\s\u00a0-]*(\d{2})[\s\u00a0-]*(\d{2,3})(?![\p{N}])/gu;
const INTERNATIONAL = /(?<![\p{L}\p{N}+*])\+\s?([1-9][\d\s\u00a0().-]{7,18}\d)(?![\p{N}])/gu;

/** A phone number found in a text: its normal form and where it is written. */
export interface PhoneMatch {
  phone: string;
  start: number;
  end: number;
}

/** Every phone number written in `text`, where it stands (repeats included). */
export function findPhones(text: string): PhoneMatch[] {
  const out: PhoneMatch[] = [];
  for (const m of text.matchAll(KZ_RU)) {
    const rest = (m[1] + m[2] + m[3] + m[4]).replace(/\D/g, "");
    if (rest.length === 10) out.push(at(m, "+7" + rest));
  }
  for (const m of text.matchAll(INTERNATIONAL)) {
    const digits = m[1].replace(/\D/g, "");
    if (digits.length >= 10 && digits.length <= 15 && !digits.startsWith("7")) {
      out.push(at(m, "+" + digits));
    }
  }
  return out;
}

function at(m: RegExpExecArray, phone: string): PhoneMatch {
  return { phone, start: m.index, end: m.index + m[0].length };
}

/**
 * Phone numbers, normalised to "+" and digits ("+7 701 555 18 42" and "8 (701) 555-18-42"
 * both give "+77015551842"). Masked numbers ("+7 705 *** ** 77") are skipped.
 */
export function extractPhones(text: string): string[] {
  return [...new Set(findPhones(text).map((m) => m.phone))];
}
