/**
 * RFC 6266 `attachment` disposition with an ASCII fallback and the exact UTF-8 name. Its own
 * module because two layers need it: the download route's answer and the S3 adapter's presigned
 * URLs (the adapter must not import the complaints module, which imports the composition root).
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_") || "attachment";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${
    encodeURIComponent(filename).replace(/['()*]/g, (c) =>
      `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  }`;
}
