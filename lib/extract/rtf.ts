import { Buffer } from "node:buffer";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { Tokenize } from "rtf-stream-parser";
import { ToPlainText } from "rtf-stream-parser/dist/src/ToPlainText.js";
import type { Extractor } from "./types.ts";

/** RTF to plain text; `\uN` and `\'xx` escapes decoded through the document's code pages. */
export const extractRtf: Extractor = async (job) => {
  const plain = new ToPlainText({
    decode: (buf: Buffer, enc: string) => iconv.decode(buf, enc),
    encode: (str: string, enc: string) => iconv.encode(str, enc),
    outputMode: "string",
    warn: () => {},
  });
  const chunks: string[] = [];
  let chars = 0;
  await new Promise<void>((resolve, reject) => {
    const tokenize = new Tokenize();
    tokenize.on("error", reject);
    plain.on("error", reject);
    plain.on("data", (chunk: string | Buffer) => {
      if (chars > job.limits.maxChars) return;
      const s = String(chunk);
      chunks.push(s);
      chars += s.length;
    });
    plain.on("end", () => resolve());
    Readable.from([Buffer.from(job.bytes)]).pipe(tokenize).pipe(plain);
  });
  return { text: chunks.join(""), method: "rtf" };
};
