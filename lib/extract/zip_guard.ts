import { Inflate } from "fflate";

export interface ZipLimits {
  maxEntries: number;
  /** Uncompressed bytes per compressed byte, over the whole archive. */
  maxRatio: number;
  /** Uncompressed bytes in all, whatever the ratio. */
  maxBytes: number;
}

/**
 * Refuses a zip (DOCX, XLSX) that would inflate past the limits, before any parser inflates it:
 * the central directory's entry count and declared sizes are checked, then every entry is
 * inflated in a stream that is discarded and stopped as soon as it outgrows what it declared,
 * because declared sizes can lie. Returns the reason to refuse, or null when the zip is safe.
 */
export function zipRefusal(bytes: Uint8Array, limits: ZipLimits): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(bytes);
  if (eocd < 0) return "not a readable zip (no end of central directory)";
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || cdOffset === 0xffffffff) return "zip64 archives are not accepted";
  if (entries > limits.maxEntries) return `zip has ${entries} entries (limit ${limits.maxEntries})`;
  if (cdOffset + cdSize > bytes.length) return "zip central directory is out of bounds";
  let p = cdOffset;
  let declaredTotal = 0;
  const items: { method: number; compressed: number; size: number; local: number }[] = [];
  for (let i = 0; i < entries; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      return "zip central directory is corrupt";
    }
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    if (size === 0xffffffff || compressed === 0xffffffff) return "zip64 entries are not accepted";
    declaredTotal += size;
    items.push({ method, compressed, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  const over = overLimit(declaredTotal, bytes.length, limits);
  if (over) return over;
  let inflatedTotal = 0;
  for (const item of items) {
    if (item.local + 30 > bytes.length || view.getUint32(item.local, true) !== 0x04034b50) {
      return "zip local header is corrupt";
    }
    const start = item.local + 30 + view.getUint16(item.local + 26, true) +
      view.getUint16(item.local + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.length, start + item.compressed));
    if (item.method === 0) {
      inflatedTotal += data.length;
      continue;
    }
    if (item.method !== 8) return `zip compression method ${item.method} is not supported`;
    const got = inflatedSize(data, item.size + 1);
    if (got > item.size) return "a zip entry inflates past its declared size";
    inflatedTotal += got;
  }
  return overLimit(inflatedTotal, bytes.length, limits);
}

function overLimit(total: number, compressed: number, limits: ZipLimits): string | null {
  if (total > limits.maxBytes) return `zip inflates to ${total} bytes (limit ${limits.maxBytes})`;
  const ratio = total / Math.max(1, compressed);
  if (ratio > limits.maxRatio) {
    return `zip compression ratio ${Math.round(ratio)} (limit ${limits.maxRatio})`;
  }
  return null;
}

/** Inflates in 4 KiB steps (at most ~4 MiB out per step), keeping only the count, and stops once past `cap`. */
function inflatedSize(data: Uint8Array, cap: number): number {
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
  });
  try {
    for (let i = 0; i < data.length && total < cap; i += 4096) {
      inflate.push(data.subarray(i, i + 4096), i + 4096 >= data.length);
    }
  } catch {
    // A broken stream is the parser's to report; its size so far is what counts here.
  }
  return total;
}

function findEocd(bytes: Uint8Array): number {
  const min = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (
      bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06
    ) {
      return i;
    }
  }
  return -1;
}
