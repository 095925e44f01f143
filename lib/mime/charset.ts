/**
 * Charset labels → decoders, with the gaps of the WHATWG Encoding Standard filled in: mail
 * labels it does not know (cp-1251, x-sjis, utf-7, …) and undeclared or mislabelled 8-bit text.
 */

const decoders = new Map<string, TextDecoder | null>();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Maps the charset labels seen in real mail to labels TextDecoder understands. */
export function normalizeCharset(label: string): string {
  // A broken header can run on into the label ("UTF-8 Content-Transfer-Encoding: 7bit").
  let l = label.trim().replace(/^["']|["']$/g, "").split(/[\s;,]/)[0].toLowerCase();
  // RFC 2231 allows a language suffix (utf-8*en), and some mailers keep it in the label.
  l = l.replace(/\*.*$/, "");
  if (/^(?:unicode-1-1-)?(?:x-)?utf-?7(?:-imap)?$/.test(l)) return "utf-7";
  if (/^utf-?8$/.test(l) || l === "utf8mb4") return "utf-8";
  const cp = l.match(/^(?:x-)?(?:cp|win|windows|ms|ansi)[-_ ]?(\d{3,5})$/);
  if (cp) {
    const n = cp[1];
    if (/^125\d$/.test(n)) return `windows-${n}`;
    const byNumber: Record<string, string> = {
      "866": "ibm866",
      "874": "windows-874",
      "932": "shift_jis",
      "936": "gbk",
      "949": "euc-kr",
      "950": "big5",
      "20866": "koi8-r",
      "21866": "koi8-u",
      "28591": "iso-8859-1",
      "65001": "utf-8",
    };
    if (byNumber[n]) return byNumber[n];
  }
  const iso = l.match(/^iso[-_ ]?8859[-_ ]?(\d{1,2})(?::\d+)?$/);
  if (iso) return `iso-8859-${iso[1]}`;
  if (/^koi8-?r$/.test(l)) return "koi8-r";
  if (/^koi8-?u$/.test(l)) return "koi8-u";
  if (/^(?:x-)?s(?:hift)?[-_]?jis$/.test(l)) return "shift_jis";
  if (/^gb[-_]?2312(?:-80|-1980)?$/.test(l) || l === "x-gbk" || l === "euc-cn") return "gbk";
  if (l === "ks_c_5601" || l === "ks_c_5601-1987" || l === "ksc5601") return "euc-kr";
  if (l === "ascii" || l === "us-ascii" || l === "ansi_x3.4-1968") return "us-ascii";
  return l;
}

/** A (non-fatal) decoder for a label, or null when neither TextDecoder nor we support it. */
export function decoderFor(label: string): { decode(bytes: Uint8Array): string } | null {
  const name = normalizeCharset(label);
  if (name === "utf-7") return { decode: decodeUtf7 };
  // TextDecoder maps us-ascii to windows-1252, which is what mailers that lie about ASCII mean.
  const key = name === "us-ascii" ? "windows-1252" : name;
  if (!decoders.has(key)) {
    let decoder: TextDecoder | null = null;
    try {
      decoder = new TextDecoder(key);
    } catch {
      decoder = null;
    }
    decoders.set(key, decoder);
  }
  return decoders.get(key) ?? null;
}

/** True when the bytes are well-formed UTF-8 (ASCII included). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** True when any byte has the high bit set. */
export function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

function hasIso2022Escape(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x1b && (bytes[i + 1] === 0x24 || bytes[i + 1] === 0x28)) return true;
  }
  return false;
}

/**
 * Guesses the legacy 8-bit charset of undeclared text. Russian mail clients send raw
 * windows-1251 or KOI8-R; both put Cyrillic letters in 0xC0–0xFF but swap the cases, and
 * running text is mostly lower case, so the half that dominates decides. Text whose high
 * bytes are sparse among ASCII letters is taken as Western European (windows-1252).
 */
export function guessLegacyCharset(bytes: Uint8Array): "windows-1251" | "koi8-r" | "windows-1252" {
  let ascii = 0, high = 0, c0 = 0, e0 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) ascii++;
    else if (b >= 0x80) {
      high++;
      if (b >= 0xc0 && b <= 0xdf) c0++;
      else if (b >= 0xe0) e0++;
    }
  }
  if (high === 0 || high < (ascii + high) * 0.3 || c0 + e0 < high * 0.6) return "windows-1252";
  return e0 >= c0 ? "windows-1251" : "koi8-r";
}

/** Result of {@link decodeText}: the text, the charset used and, if any, why it was not the declared one. */
export interface DecodedText {
  text: string;
  charset: string;
  warning?: string;
}

const MULTIBYTE = new Set(["gbk", "gb18030", "big5", "shift_jis", "euc-jp", "euc-kr"]);
const CYRILLIC = new Set([
  "windows-1251",
  "koi8-r",
  "koi8-u",
  "iso-8859-5",
  "ibm866",
  "x-mac-cyrillic",
]);
// An 8-bit header next to an ISO-2022-JP body is Shift_JIS or EUC-JP in practice.
const EIGHT_BIT_SIBLINGS: Record<string, string[]> = { "iso-2022-jp": ["shift_jis", "euc-jp"] };

function decodesCleanly(bytes: Uint8Array, label: string): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the charset for undeclared 8-bit bytes among the charsets the message declares
 * elsewhere: a multi-byte charset that decodes the bytes without error wins, then a declared
 * Cyrillic charset when the bytes look Cyrillic, then the first declared single-byte one.
 */
export function pickCharset(bytes: Uint8Array, candidates: string[]): string {
  const names = candidates.map(normalizeCharset).flatMap((
    c,
  ) => [c, ...(EIGHT_BIT_SIBLINGS[c] ?? [])])
    .filter((c) =>
      c !== "utf-8" && c !== "us-ascii" && c !== "utf-7" && c !== "iso-2022-jp" && decoderFor(c)
    );
  for (const c of names) if (MULTIBYTE.has(c) && decodesCleanly(bytes, c)) return c;
  const guess = guessLegacyCharset(bytes);
  if (guess !== "windows-1252") {
    const cyr = names.find((c) => CYRILLIC.has(c));
    return cyr ?? guess;
  }
  return names.find((c) => !MULTIBYTE.has(c)) ?? guess;
}

/**
 * Decodes body or header bytes. The declared charset wins when it is known and consistent;
 * undeclared or contradicted bytes are read as UTF-8 when valid, else with {@link pickCharset}
 * over `candidates` (charsets the message declares elsewhere).
 */
export function decodeText(
  bytes: Uint8Array,
  declared?: string,
  candidates: string[] | (() => string[]) = [],
): DecodedText {
  const high = hasHighBytes(bytes);
  const fallback = (): DecodedText => {
    if (!high) {
      if (hasIso2022Escape(bytes)) {
        return { text: decoderFor("iso-2022-jp")!.decode(bytes), charset: "iso-2022-jp" };
      }
      return { text: decoderFor("utf-8")!.decode(bytes), charset: "us-ascii" };
    }
    if (isValidUtf8(bytes)) return { text: decoderFor("utf-8")!.decode(bytes), charset: "utf-8" };
    const picked = pickCharset(bytes, typeof candidates === "function" ? candidates() : candidates);
    return { text: decoderFor(picked)!.decode(bytes), charset: picked };
  };

  if (!declared || !declared.trim()) return fallback();
  const name = normalizeCharset(declared);
  if (name === "us-ascii") {
    const result = fallback();
    return high
      ? { ...result, warning: `8-bit text labelled us-ascii, read as ${result.charset}` }
      : result;
  }
  if (name === "utf-8" && high && !isValidUtf8(bytes)) {
    const result = fallback();
    return { ...result, warning: `invalid UTF-8 text, read as ${result.charset}` };
  }
  const decoder = decoderFor(name);
  if (!decoder) {
    const result = fallback();
    return { ...result, warning: `unknown charset "${declared}", read as ${result.charset}` };
  }
  return { text: decoder.decode(bytes), charset: name };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes UTF-7 (RFC 2152), which TextDecoder does not support. */
export function decodeUtf7(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c !== 0x2b /* + */) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    i++;
    if (bytes[i] === 0x2d /* - */) {
      out += "+";
      i++;
      continue;
    }
    let bits = 0, acc = 0;
    const units: number[] = [];
    while (i < bytes.length) {
      const v = B64.indexOf(String.fromCharCode(bytes[i]));
      if (v < 0) break;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push((acc >> bits) & 0xffff);
      }
      i++;
    }
    out += String.fromCharCode(...units);
    if (bytes[i] === 0x2d) i++; // the "-" that ends a shifted run is absorbed
  }
  return out;
}
