import { decodeText } from "../mime/charset.ts";
import { htmlToText } from "../mime/html.ts";
import type { Extractor } from "./types.ts";

/** Plain text and HTML: charset detected (BOMs, UTF-8, else the legacy Cyrillic guesses). */
export const extractText: Extractor = (job) => {
  const declared = /charset="?([^";\s]+)/i.exec(job.mime)?.[1];
  let text = decodeBom(job.bytes) ?? decodeText(job.bytes, declared).text;
  if (job.kind === "html") text = htmlToText(text);
  return Promise.resolve({ text: text.replace(/\r\n?/g, "\n"), method: job.kind });
};

function decodeBom(b: Uint8Array): string | null {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b);
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b);
  return null;
}
