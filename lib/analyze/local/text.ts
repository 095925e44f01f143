/** The customer's own words and the quoted history, split apart. */
export interface SplitText {
  own: string;
  quoted: string;
}

// Attribution lines that introduce a quoted earlier message, in the forms mail clients write them.
const ATTRIBUTION = [
  /^\s*on\s.{4,200}\s(wrote|writes)\s*:\s*$/i,
  /^.{0,200}(писал|писала|писал\(а\)|написал|написала|пишет|жазды)\s*:\s*$/i,
  /^.{0,120}\d{4}.{0,40}\sот\s.{1,120}<[^>]+@[^>]+>\s*:\s*$/i,
  /^\s*-{2,}\s*(original message|forwarded message|исходное сообщение|пересылаемое сообщение)/i,
  /^\s*(from|от|sent|отправлено)\s*:\s.+@.+$/i,
];

/**
 * Splits an email body into the sender's own text and quoted replies: lines starting with ">"
 * and everything after an attribution line ("On … wrote:", "… писал(а):") count as quoted.
 */
export function splitQuoted(body: string): SplitText {
  const own: string[] = [];
  const quoted: string[] = [];
  let inQuote = false;
  for (const line of body.split(/\r?\n/)) {
    if (!inQuote && ATTRIBUTION.some((re) => re.test(line))) inQuote = true;
    if (inQuote || /^\s*>/.test(line)) quoted.push(line.replace(/^\s*(>\s?)+/, ""));
    else own.push(line);
  }
  return { own: own.join("\n").trim(), quoted: quoted.join("\n").trim() };
}

/** Collapses runs of whitespace (including non-breaking and thin spaces) into single spaces. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u2009\u202f]+/g, " ").trim();
}

/** Counts letters by script, for language detection and "is there any text" checks. */
export function letterCounts(text: string): { latin: number; cyrillic: number; total: number } {
  let latin = 0;
  let cyrillic = 0;
  // Code units, not a regex per character: ASCII letters and the Cyrillic block (surrogate
  // halves of other scripts' letters fall in neither).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32;
    if (lower >= 97 && lower <= 122) latin++;
    else if (c >= 0x400 && c <= 0x4ff) cyrillic++;
  }
  return { latin, cyrillic, total: latin + cyrillic };
}
