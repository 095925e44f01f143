import { decoderFor, decodeText } from "./charset.ts";

const WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=/g;

/** Lenient base64 → bytes: ignores junk characters and missing padding. */
export function decodeBase64Loose(input: string): Uint8Array {
  let s = input.replace(/[^A-Za-z0-9+/]/g, "");
  if (s.length % 4 === 1) s = s.slice(0, -1);
  s += "=".repeat((4 - (s.length % 4)) % 4);
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function decodeQ(input: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === "_") out.push(0x20);
    else if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(input.slice(i + 1, i + 3))) {
      out.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = ch.charCodeAt(0);
      // Non-ASCII inside an encoded word is illegal; keep it as UTF-8 rather than drop it.
      if (code < 0x80) out.push(code);
      else out.push(...new TextEncoder().encode(ch));
    }
  }
  return new Uint8Array(out);
}

interface Word {
  charset: string;
  encoding: string;
  bytes: Uint8Array;
}

function decodeWordBytes(charset: string, bytes: Uint8Array): string {
  if (decoderFor(charset)) return decodeText(bytes, charset).text;
  return decodeText(bytes).text;
}

/**
 * Decodes RFC 2047 encoded words in an (already unfolded) header value. Adjacent words
 * separated only by whitespace are joined before decoding, so a multi-byte character split
 * across two words (common with long UTF-8 subjects) comes out whole.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes("=?")) return value;
  let out = "";
  let last = 0;
  let pending: Word | null = null;
  const flush = () => {
    if (pending) out += decodeWordBytes(pending.charset, pending.bytes);
    pending = null;
  };
  for (const m of value.matchAll(WORD)) {
    const between = value.slice(last, m.index);
    const charset = m[1].replace(/\*.*$/, "").toLowerCase();
    const encoding = m[2].toUpperCase();
    let bytes: Uint8Array;
    try {
      bytes = encoding === "B" ? decodeBase64Loose(m[3]) : decodeQ(m[3]);
    } catch {
      bytes = new TextEncoder().encode(m[0]);
    }
    const p = pending as Word | null;
    if (p && /^\s*$/.test(between)) {
      if (p.charset === charset) {
        // Same charset: join the bytes (base64 words may split one character).
        const joined = new Uint8Array(p.bytes.length + bytes.length);
        joined.set(p.bytes);
        joined.set(bytes, p.bytes.length);
        p.bytes = joined;
      } else {
        flush();
        pending = { charset, encoding, bytes };
      }
    } else {
      flush();
      out += between;
      pending = { charset, encoding, bytes };
    }
    last = m.index + m[0].length;
  }
  flush();
  out += value.slice(last);
  return out;
}
