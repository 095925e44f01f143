import * as XLSX from "@e965/xlsx";
import { decodeText } from "../mime/charset.ts";
import { zipRefusal } from "./zip_guard.ts";
import { ExtractLimitError, type Extractor } from "./types.ts";

/**
 * XLSX, XLS and CSV by SheetJS (@e965/xlsx 0.20.3, which has the prototype-pollution and ReDoS
 * fixes npm `xlsx` 0.18.5 lacks): each sheet under its name, one line per row, cells by tabs.
 */
export const extractSheet: Extractor = (job) => {
  const { bytes, limits } = job;
  if (job.kind === "xlsx") {
    const refusal = zipRefusal(bytes, {
      maxEntries: limits.zipMaxEntries,
      maxRatio: limits.zipMaxRatio,
      maxBytes: limits.zipMaxBytes,
    });
    if (refusal) throw new ExtractLimitError(refusal);
  }
  const book = job.kind === "csv"
    ? XLSX.read(decodeText(bytes).text.replace(/^\uFEFF/, ""), { type: "string", raw: true })
    : XLSX.read(bytes, { type: "array", cellHTML: false, cellFormula: false });
  const out: string[] = [];
  let chars = 0;
  for (const name of book.SheetNames) {
    if (chars > limits.maxChars) break;
    const csv = XLSX.utils.sheet_to_csv(book.Sheets[name], { FS: "\t", blankrows: false });
    const text = csv.split("\n").map((l) => l.replace(/\t+$/, "")).filter(Boolean).join("\n");
    const block = job.kind === "csv" ? text : `# ${name}\n${text}`;
    out.push(block);
    chars += block.length;
  }
  return Promise.resolve({
    text: out.join("\n\n"),
    method: job.kind,
    pages: job.kind === "csv" ? undefined : book.SheetNames.length,
  });
};
