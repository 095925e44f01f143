import { htmlToText } from "../mime/html.ts";
import type { Attachment } from "../schema/complaint.ts";

const TEXT_TYPES =
  /^(text\/(plain|csv|tab-separated-values|markdown|html)|application\/(csv|json|xml))$/;

/**
 * Text of attachments that are text already (plain, CSV, HTML…), decoded as UTF-8 or, when that
 * fails, windows-1251 (the legacy charset our customers' files use most). Other types are recorded
 * as skipped until an extractor handles them.
 */
export function extractBasic(
  contentType: string,
  filename: string,
  content: Uint8Array,
  maxChars = 200_000,
): Pick<Attachment, "extractedText" | "extraction"> {
  const started = performance.now();
  const isText = TEXT_TYPES.test(contentType) || /\.(txt|csv|tsv|log|md)$/i.test(filename);
  if (!isText) {
    return {
      extractedText: "",
      extraction: { status: "skipped", reason: `no extractor for ${contentType}` },
    };
  }
  let text = decodeText(content);
  if (/html/.test(contentType) || /\.html?$/i.test(filename)) text = htmlToText(text);
  text = text.replace(/\r\n?/g, "\n").slice(0, maxChars);
  return {
    extractedText: text,
    extraction: { status: "done", method: "text", ms: Math.round(performance.now() - started) },
  };
}

/** Decode bytes as UTF-8 (BOM aware), falling back to windows-1251 when UTF-8 is invalid. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}
