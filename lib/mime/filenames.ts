const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/jpg": "jpg",
  "image/pjpeg": "jpg",
  "image/gif": "gif",
  "image/bmp": "bmp",
  "image/x-ms-bmp": "bmp",
  "image/tiff": "tif",
  "image/webp": "webp",
  "image/svg+xml": "svg",
  "application/pdf": "pdf",
  "text/plain": "txt",
  "text/html": "html",
  "text/csv": "csv",
  "text/calendar": "ics",
  "text/rtf": "rtf",
  "application/rtf": "rtf",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/zip": "zip",
  "message/rfc822": "eml",
  "message/global": "eml",
  "message/delivery-status": "txt",
  "application/pkcs7-signature": "p7s",
  "video/quicktime": "mov",
  "video/mp4": "mp4",
  "audio/mpeg": "mp3",
};

/**
 * The name to store an attachment under: the decoded name reduced to its last path segment
 * and stripped of control characters (names come from untrusted mail), or a generated one
 * ("image-1.png", "message-1.eml", "attachment-1.bin") numbered per message.
 */
export function attachmentName(
  decoded: string,
  contentType: string,
  counters: Map<string, number>,
): string {
  const base = decoded
    // deno-lint-ignore no-control-regex -- NUL/control bytes from untrusted mail are removed on purpose
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .split(/[\\/]/)
    .pop()!
    .trim();
  if (base && base !== "." && base !== "..") return base;
  const prefix = contentType.startsWith("image/")
    ? "image"
    : contentType.startsWith("message/rfc822") || contentType === "message/global"
    ? "message"
    : "attachment";
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return `${prefix}-${n}.${EXTENSIONS[contentType] ?? "bin"}`;
}

/**
 * The .eml name for a forwarded message that carries no filename: its (whitespace-normalised)
 * subject, whole up to 120 characters. A subject is prose, not a path, so "/" and "\" are
 * replaced rather than read as folders (attachmentName keeps only a path's last segment).
 * "" when the subject is empty.
 */
export function forwardedMessageName(subject: string): string {
  const name = subject.replace(/[\\/]/g, "_").slice(0, 120).trim();
  return name ? `${name}.eml` : "";
}
