import { Buffer } from "node:buffer";
import WordExtractor from "word-extractor";
import type { Extractor } from "./types.ts";

/** Legacy Word 97–2003 `.doc` by word-extractor: body, then headers/footers and footnotes. */
export const extractDoc: Extractor = async (job) => {
  const doc = await new WordExtractor().extract(Buffer.from(job.bytes));
  // filterUnicode would drop dashes and quotes that carry meaning in order numbers.
  const parts = [
    doc.getBody({ filterUnicode: false }),
    doc.getFootnotes({ filterUnicode: false }),
    doc.getHeaders({ filterUnicode: false, includeFooters: true }),
  ];
  return { text: parts.map((p: string) => p.trim()).filter(Boolean).join("\n\n"), method: "doc" };
};
