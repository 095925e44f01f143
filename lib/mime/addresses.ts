import { addressParser } from "postal-mime";
import { normalizeSpace } from "./header_text.ts";
import { decodeEncodedWords } from "./rfc2047.ts";
import type { ParsedAddress } from "./types.ts";

const WORD_RUN = /=\?[^?\s]+\?[bBqQ]\?[^?]*\?=(?:\s+=\?[^?\s]+\?[bBqQ]\?[^?]*\?=)*/g;

/**
 * Unquoted encoded words in a display name are decoded and quoted before the address
 * parser sees them: decoded text may hold commas ("Bürling, Andreas") that would otherwise
 * split one mailbox in two. Words glued to an addr-spec ("=?…?=@host") are left alone.
 */
function quoteEncodedNames(value: string): string {
  let out = "";
  let i = 0;
  let inQuote = false;
  while (i < value.length) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== "\\") inQuote = !inQuote;
    if (!inQuote && ch === "=" && value[i + 1] === "?") {
      WORD_RUN.lastIndex = i;
      const m = WORD_RUN.exec(value);
      if (m && m.index === i) {
        const end = i + m[0].length;
        const before = value[i - 1] ?? "";
        const after = value[end] ?? "";
        if (after !== "@" && before !== "@" && before !== ".") {
          const decoded = decodeEncodedWords(m[0]).replace(/[\\"]/g, (c) => `\\${c}`);
          out += `"${decoded}"`;
          i = end;
          continue;
        }
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Parses an address header value (groups flattened, names decoded). */
export function parseAddressHeader(value: string): ParsedAddress[] {
  const out: ParsedAddress[] = [];
  let list: ReturnType<typeof addressParser>;
  try {
    list = addressParser(quoteEncodedNames(value));
  } catch {
    return out;
  }
  for (const a of list) {
    const members = a.group ? a.group : [a];
    for (const m of members) {
      const email = (m.address ?? "").trim();
      const name = normalizeSpace(decodeEncodedWords(m.name ?? ""));
      if (email || name) out.push({ email, name });
    }
  }
  return out;
}
