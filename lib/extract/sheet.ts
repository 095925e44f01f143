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
    const sheet = book.Sheets[name];
    clampRange(sheet);
    const csv = XLSX.utils.sheet_to_csv(sheet, { FS: "\t", blankrows: false });
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

const MAX_ROWS = 100_000;
const MAX_COLS = 1_000;

/**
 * sheet_to_csv walks a sheet's declared range (`<dimension ref="A1:XFD1048576">`) cell by cell,
 * even where it is empty: the range is recomputed from the cells that exist, then capped.
 */
function clampRange(sheet: XLSX.WorkSheet): void {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  for (const key of Object.keys(sheet)) {
    if (key.startsWith("!")) continue;
    const { r, c } = XLSX.utils.decode_cell(key);
    if (r < r0) r0 = r;
    if (c < c0) c0 = c;
    if (r > r1) r1 = r;
    if (c > c1) c1 = c;
  }
  if (r1 < 0) {
    delete sheet["!ref"];
    return;
  }
  sheet["!ref"] = XLSX.utils.encode_range({
    s: { r: r0, c: c0 },
    e: { r: Math.min(r1, r0 + MAX_ROWS - 1), c: Math.min(c1, c0 + MAX_COLS - 1) },
  });
}
