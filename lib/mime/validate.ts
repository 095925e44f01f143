import { latin1, readHeaderBlock } from "./header_block.ts";
import { declaredCharsets, decodeHeaderValue, normalizeSpace } from "./header_text.ts";

const SCAN_LIMIT = 64 * 1024;
const KNOWN = new Set(["from", "subject", "date", "message-id", "received", "mime-version", "to"]);

/**
 * Cheap sanity check before a raw email is stored or claimed: it must start with an RFC 822
 * header block holding at least one header a real message has. Looks at the first 64 KB only.
 */
export function checkRawEmail(raw: Uint8Array): { ok: true } | { ok: false; reason: string } {
  if (raw.length === 0) return { ok: false, reason: "empty body" };
  const head = raw.subarray(0, Math.min(raw.length, SCAN_LIMIT));
  const block = readHeaderBlock(head, SCAN_LIMIT);
  const headerBytes = head.subarray(0, block.bodyStart);
  // Real mail carries stray control bytes in legacy 8-bit headers (e.g. a mis-encoded
  // Thread-Topic); only NULs or many controls mean binary data.
  let controls = 0;
  let nuls = 0;
  for (const b of headerBytes) {
    if (b === 0) nuls++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b) controls++;
  }
  if (
    nuls > 0 || controls > Math.max(4, headerBytes.length * 0.01) ||
    (block.headers.length === 0 && looksBinary(head))
  ) {
    return { ok: false, reason: "not an RFC 822 message: binary data" };
  }
  if (block.headers.length === 0) {
    return { ok: false, reason: "not an RFC 822 message: no header line at the start" };
  }
  if (!block.headers.some((h) => KNOWN.has(h.name))) {
    return {
      ok: false,
      reason:
        "not an RFC 822 message: no From/Subject/Date/Message-ID/Received/MIME-Version/To header",
    };
  }
  return { ok: true };
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let odd = 0;
  for (const b of sample) {
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) odd++;
  }
  return odd > sample.length * 0.01;
}

/**
 * Reads a few top-level headers without a MIME parse (first 64 KB only), decoded like
 * {@link parseEmail} does. `messageId` is without <>, `from` is the sender's bare address.
 */
export function scanHeaders(
  raw: Uint8Array,
): { messageId?: string; from?: string; subject?: string; date?: string } {
  const block = readHeaderBlock(raw, SCAN_LIMIT);
  // The declared charsets only matter for raw 8-bit headers: look them up only then.
  let hints: string[] | undefined;
  const hint = () =>
    hints ??= declaredCharsets(latin1(raw.subarray(0, Math.min(raw.length, SCAN_LIMIT))));
  const decode = (value: string) =>
    // deno-lint-ignore no-control-regex
    decodeHeaderValue(value, /[^\x00-\x7f]/.test(value) ? hint() : []);
  const first = (name: string) => block.headers.find((h) => h.name === name)?.raw;
  const out: { messageId?: string; from?: string; subject?: string; date?: string } = {};
  const id = first("message-id");
  if (id !== undefined) {
    const value = stripAngles(normalizeSpace(id));
    if (value) out.messageId = value;
  }
  const from = first("from");
  if (from !== undefined) {
    const value = normalizeSpace(decode(from));
    const address = value.match(/<([^<>\s]+@[^<>\s]+)>/)?.[1] ??
      value.match(/[^\s<>"',;:()]+@[^\s<>"',;:()]+/)?.[0];
    if (address) out.from = address;
  }
  const subject = first("subject");
  if (subject !== undefined) out.subject = normalizeSpace(decode(subject));
  const date = first("date");
  if (date !== undefined) {
    const parsed = parseDate(date);
    if (parsed) out.date = parsed;
  }
  return out;
}

/** "<id@host>" → "id@host"; other text is trimmed. */
export function stripAngles(value: string): string {
  const m = value.match(/<([^<>]*)>/);
  return (m ? m[1] : value).trim();
}

/** RFC 5322 date → ISO 8601, or undefined when it does not parse. */
export function parseDate(value: string): string | undefined {
  const cleaned = normalizeSpace(value.replace(/\([^)]*\)/g, " "));
  if (!cleaned) return undefined;
  let d = new Date(cleaned);
  if (Number.isNaN(d.getTime())) {
    // "Mon, 1 Sep 2026 10:00:00 +0300" variants with junk after the zone
    const m = cleaned.match(
      /\d{1,2}\s+\w{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,5})?/,
    );
    if (m) d = new Date(m[0]);
  }
  if (Number.isNaN(d.getTime())) return undefined;
  const year = d.getUTCFullYear();
  if (year < 1970 || year > 9999) return undefined;
  return d.toISOString();
}
