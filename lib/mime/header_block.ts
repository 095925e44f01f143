/** Reading the top-level header block straight from bytes, without a MIME parse. */

/** One unfolded header; `raw` keeps the value bytes (latin1-mapped) for later charset decoding. */
export interface RawHeader {
  name: string;
  /** Unfolded value as latin1 (one char per byte), so 8-bit bytes survive untouched. */
  raw: string;
}

/** The header block found at the start of a message. */
export interface HeaderBlock {
  headers: RawHeader[];
  /** Byte offset of the first body byte (after the blank line), or of the first non-header line. */
  bodyStart: number;
  /** True when a blank line ended the block; false when a non-header line (or EOF) did. */
  terminated: boolean;
  /** Byte offset of the first line that is neither a header nor a continuation, if any. */
  strayLineAt?: number;
}

const HEADER_LINE = /^[A-Za-z0-9_][A-Za-z0-9!#$%&'*+.^_`|~-]*[ \t]*:/;

/** Maps bytes 1:1 to chars 0–255, so offsets in the string equal offsets in the bytes. */
export function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

/**
 * Splits the header block at the start of `raw` (looking at most `limit` bytes). A leading
 * mbox "From " line is skipped. Stops at the blank line, or at the first line that is neither
 * a header nor a folded continuation (a message whose blank line went missing).
 */
export function readHeaderBlock(raw: Uint8Array, limit = 64 * 1024): HeaderBlock {
  const text = latin1(raw.subarray(0, Math.min(raw.length, limit, headerEnd(raw, limit))));
  const headers: RawHeader[] = [];
  let pos = 0;
  if (text.startsWith("From ")) {
    const nl = text.indexOf("\n");
    pos = nl < 0 ? text.length : nl + 1;
  }
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    const atEnd = nl < 0;
    if (atEnd) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, "");
    const next = atEnd ? text.length : nl + 1;
    if (line === "") return { headers, bodyStart: next, terminated: true };
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1].raw += line;
    } else if (HEADER_LINE.test(line)) {
      const colon = line.indexOf(":");
      headers.push({ name: line.slice(0, colon).trim().toLowerCase(), raw: line.slice(colon + 1) });
    } else if (headerFollows(text, next)) {
      // Real mail has broken, unindented continuation lines: keep going while headers follow.
      if (headers.length) headers[headers.length - 1].raw += " " + line;
    } else {
      return { headers, bodyStart: pos, terminated: false, strayLineAt: pos };
    }
    pos = next;
  }
  return { headers, bodyStart: pos, terminated: false };
}

/** Whether `line` (without its line break) starts a header field: a field name and a colon. */
export function isHeaderFieldLine(line: string): boolean {
  return HEADER_LINE.test(line);
}

/**
 * Whether, in a MIME part's header block, the line from `pos` on is a broken continuation of
 * the headers rather than the start of the body: true when a header field line comes before
 * the next blank line or "--" line (a boundary ends the part). Reads bytes in place; stops
 * after `limit` bytes.
 */
export function headerFieldFollows(bytes: Uint8Array, pos: number, limit = 64 * 1024): boolean {
  const end = Math.min(bytes.length, pos + limit);
  while (pos < end) {
    let nl = bytes.indexOf(0x0a, pos);
    if (nl < 0 || nl > end) nl = end;
    const lineEnd = nl > pos && bytes[nl - 1] === 0x0d ? nl - 1 : nl;
    if (lineEnd === pos || (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d)) return false;
    if (isHeaderFieldLine(latin1(bytes.subarray(pos, Math.min(lineEnd, pos + 256))))) return true;
    pos = nl + 1;
  }
  return false;
}

/** Whether a header line appears before the next blank line, starting at `pos`. */
function headerFollows(text: string, pos: number): boolean {
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, "");
    if (line === "") return false;
    if (HEADER_LINE.test(line)) return true;
    pos = nl + 1;
  }
  return false;
}

/** Length of a leading mbox "From " separator line (0 when there is none). */
export function mboxFromLineLength(raw: Uint8Array): number {
  // "From " in ASCII
  if (raw[0] !== 0x46 || raw[1] !== 0x72 || raw[2] !== 0x6f || raw[3] !== 0x6d || raw[4] !== 0x20) {
    return 0;
  }
  const nl = raw.indexOf(0x0a);
  return nl < 0 ? raw.length : nl + 1;
}

/** Offset just past the first blank line (LF LF or LF CR LF) within `limit`, else `limit`. */
function headerEnd(raw: Uint8Array, limit: number): number {
  const end = Math.min(raw.length, limit);
  for (let i = raw.indexOf(0x0a); i >= 0 && i < end; i = raw.indexOf(0x0a, i + 1)) {
    if (raw[i + 1] === 0x0a) return i + 2;
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return i + 3;
  }
  return end;
}
