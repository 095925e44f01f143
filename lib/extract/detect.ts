/** What an attachment really is, by its bytes; decides which extractor reads it. */
export type ExtractKind =
  | "pdf"
  | "docx"
  | "doc"
  | "xlsx"
  | "xls"
  | "csv"
  | "text"
  | "html"
  | "rtf"
  | "image"
  | "eml"
  | "tnef"
  | "zip"
  | "unknown";

export interface DetectedType {
  /** MIME type read from the bytes (the declared one only when the bytes leave it open). */
  mime: string;
  kind: ExtractKind;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

const IMAGES: [number[], string, number?][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
  [[0xff, 0xd8, 0xff], "image/jpeg"],
  [[0x47, 0x49, 0x46, 0x38], "image/gif"],
  [[0x49, 0x49, 0x2a, 0x00], "image/tiff"],
  [[0x4d, 0x4d, 0x00, 0x2a], "image/tiff"],
  [[0x42, 0x4d], "image/bmp"],
];

/**
 * Detects an attachment's type from its magic bytes. The declared Content-Type and the file
 * name only break ties the bytes cannot (zip containers, OLE documents, plain text flavours).
 */
export function detectType(bytes: Uint8Array, declared = "", filename = ""): DetectedType {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1].toLowerCase() ?? "";
  const hint = `${declared.toLowerCase()} ${ext}`;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return { mime: "application/pdf", kind: "pdf" };
  }
  for (const [sig, mime] of IMAGES) {
    // "BM" alone is weak: require a plausible header size too.
    if (startsWith(bytes, sig) && (mime !== "image/bmp" || bytes.length > 26)) {
      return { mime, kind: "image" };
    }
  }
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") {
    return { mime: "image/webp", kind: "image" };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return zipFlavour(bytes, hint);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (/excel|xls|sheet/.test(hint)) return { mime: "application/vnd.ms-excel", kind: "xls" };
    if (/word|doc|rtf/.test(hint)) return { mime: "application/msword", kind: "doc" };
    const body = ascii(bytes, 0, Math.min(bytes.length, 1 << 20));
    if (/W\0o\0r\0k\0b\0o\0o\0k|Workbook|Book\0/.test(body)) {
      return { mime: "application/vnd.ms-excel", kind: "xls" };
    }
    if (/W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t/.test(body)) {
      return { mime: "application/msword", kind: "doc" };
    }
    return { mime: "application/x-ole-storage", kind: "unknown" };
  }
  if (startsWith(bytes, [0x78, 0x9f, 0x3e, 0x22])) {
    return { mime: "application/ms-tnef", kind: "tnef" };
  }
  if (ascii(bytes, 0, 5) === "{\\rtf") return { mime: "application/rtf", kind: "rtf" };
  if (looksBinary(bytes)) return { mime: "application/octet-stream", kind: "unknown" };
  return textFlavour(bytes, hint);
}

function zipFlavour(bytes: Uint8Array, hint: string): DetectedType {
  // OOXML names its parts in the central directory; the first kilobytes hold the local headers.
  const head = ascii(bytes, 0, Math.min(bytes.length, 1 << 16)) +
    ascii(bytes, Math.max(0, bytes.length - (1 << 16)), bytes.length);
  if (head.includes("word/")) {
    return {
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      kind: "docx",
    };
  }
  if (head.includes("xl/")) {
    return {
      mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      kind: "xlsx",
    };
  }
  if (/docx|wordprocessingml/.test(hint)) {
    return {
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      kind: "docx",
    };
  }
  if (/xlsx|spreadsheetml/.test(hint)) {
    return {
      mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      kind: "xlsx",
    };
  }
  return { mime: "application/zip", kind: "zip" };
}

function textFlavour(bytes: Uint8Array, hint: string): DetectedType {
  const start = ascii(bytes, 0, 2048).replace(/^\uFEFF|^[\s\xef\xbb\xbf]+/, "").toLowerCase();
  if (
    looksLikeEmail(start) ||
    /message\/rfc822|\beml\b/.test(hint) && /^[a-z-]+:/.test(start)
  ) {
    return { mime: "message/rfc822", kind: "eml" };
  }
  if (/^<!doctype html|^<html|^<head|^<body/.test(start) || /html|\bhtm\b/.test(hint)) {
    return { mime: "text/html", kind: "html" };
  }
  if (/csv|\btsv\b|tab-separated/.test(hint)) return { mime: "text/csv", kind: "csv" };
  return { mime: "text/plain", kind: "text" };
}

/** Control bytes other than whitespace (and not UTF-16 text) mean the file is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > n / 100;
}

const MAIL_HEADERS =
  /^(from|to|cc|subject|date|message-id|received|return-path|mime-version|delivered-to|reply-to)$/;

/** A header block (name: value lines) naming at least two mail headers before a blank line. */
function looksLikeEmail(start: string): boolean {
  if (start.startsWith("from ")) return true;
  const head = start.split(/\r?\n\r?\n/)[0].split(/\r?\n/);
  if (!/^[a-z0-9-]+:/.test(head[0] ?? "")) return false;
  const names = head.map((l) => /^([a-z0-9-]+):/.exec(l)?.[1]).filter((n) =>
    n && MAIL_HEADERS.test(n)
  );
  return new Set(names).size >= 2;
}
