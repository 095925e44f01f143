/**
 * Extraction benchmark: per file type, files/s and ms per file through the worker pool; the OCR
 * pool (EXTRACT_POOL_SIZE workers, default = cores) against a single worker on the same images
 * in the same run, with their ratio; and this process's peak RSS (workers are threads in it).
 *
 *   deno run -A bench/extract.ts [--files 20] [--images 8] [--pool N]
 */
import { parseArgs } from "node:util";
import { parseConfig } from "../lib/config.ts";
import { extractFile } from "../lib/extract/attachment.ts";
import { ExtractPool } from "../lib/extract/pool.ts";
import { decodeGreyPng, encodeBmp, encodeTiff } from "../test/support/fixtures/images.ts";
import { buildPdf } from "../test/support/fixtures/pdf.ts";
import { buildDocx, buildWorkbook } from "../test/support/fixtures/office.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    files: { type: "string", default: "20" },
    images: { type: "string", default: "8" },
    pool: { type: "string" },
  },
});
const FILES = Number(values.files);
const IMAGES = Number(values.images);
const config = parseConfig(values.pool ? { EXTRACT_POOL_SIZE: values.pool } : {});
const fixture = (name: string) =>
  Deno.readFileSync(new URL(`../test/fixtures/extract/${name}`, import.meta.url));
const en = decodeGreyPng(fixture("scan_en.png"));
const utf8 = (s: string) => new TextEncoder().encode(s);

// Text-layer documents of a realistic size: a few pages / a few hundred rows.
const lines = Array.from(
  { length: 40 },
  (_, i) =>
    `Line ${i + 1}: order ZE-2026-${String(10000 + i).padStart(6, "0")} total ${i * 100} KZT`,
);
const rows = Array.from({ length: 300 }, (_, i) => [`ZE-2026-${i}`, i * 10, "Delivered"]);
const TYPES: Record<string, [string, string, Uint8Array]> = {
  pdf: ["doc.pdf", "application/pdf", buildPdf([1, 2, 3, 4, 5].map(() => ({ lines })))],
  docx: ["doc.docx", "application/octet-stream", buildDocx([...lines, ...lines])],
  xlsx: ["book.xlsx", "application/octet-stream", buildWorkbook({ S: rows }, "xlsx")],
  xls: ["book.xls", "application/vnd.ms-excel", buildWorkbook({ S: rows }, "xls")],
  csv: ["t.csv", "text/csv", utf8(rows.map((r) => r.join(";")).join("\n"))],
  txt: ["t.txt", "text/plain", utf8(lines.join("\n"))],
  html: ["t.html", "text/html", utf8(`<html><body>${lines.map((l) => `<p>${l}</p>`).join("")}`)],
  rtf: ["t.rtf", "application/rtf", utf8(`{\\rtf1\\ansi ${lines.join("\\par ")}\\par}`)],
  png: ["s.png", "image/png", fixture("scan_en.png")],
  jpeg: ["s.jpg", "image/jpeg", fixture("scan_en.jpg")],
  gif: ["s.gif", "image/gif", fixture("scan_en.gif")],
  webp: ["s.webp", "image/webp", fixture("scan_en.webp")],
  bmp: ["s.bmp", "image/bmp", encodeBmp(en)],
  "tiff (deflate)": ["s.tif", "image/tiff", encodeTiff([en], "deflate")],
  "pdf (scanned)": ["scan.pdf", "application/pdf", buildPdf([{ image: en }])],
};

function newPool(size: number) {
  return new ExtractPool({
    size,
    timeoutMs: config.EXTRACT_TIMEOUT_MS,
    rusTraineddata: config.OCR_RUS_TRAINEDDATA,
  });
}

/** Runs `n` copies of a file through the pool, as many at once as it has workers. */
async function timeFiles(pool: ExtractPool, file: [string, string, Uint8Array], n: number) {
  const started = performance.now();
  const results = await Promise.all(
    Array.from(
      { length: n },
      () =>
        extractFile(pool, config, { filename: file[0], contentType: file[1], content: file[2] }),
    ),
  );
  const ms = performance.now() - started;
  const bad = results.filter((r) => r.extraction?.status !== "done").length;
  if (bad) throw new Error(`${file[0]}: ${bad} of ${n} not extracted`);
  return { ms, perSecond: (n / ms) * 1000 };
}

const pool = newPool(config.EXTRACT_POOL_SIZE);
const single = newPool(1);
try {
  // Warm every worker with every extractor so start-up is not counted.
  for (const file of Object.values(TYPES)) await timeFiles(pool, file, config.EXTRACT_POOL_SIZE);
  await timeFiles(single, TYPES.png, 1);

  console.log(`pool size ${config.EXTRACT_POOL_SIZE}, ${navigator.hardwareConcurrency} cores`);
  console.log("type             files/s   ms/file (wall, pool)");
  for (const [type, file] of Object.entries(TYPES)) {
    const isImage = /png|jpeg|gif|webp|bmp|tiff|scanned/.test(type);
    const n = isImage ? Math.max(2, Math.round(FILES / 4)) : FILES;
    const { ms, perSecond } = await timeFiles(pool, file, n);
    console.log(`${type.padEnd(16)} ${perSecond.toFixed(1).padStart(7)}   ${(ms / n).toFixed(1)}`);
  }

  const ocrFile = TYPES.png;
  const one = await timeFiles(single, ocrFile, IMAGES);
  const many = await timeFiles(pool, ocrFile, IMAGES);
  console.log(
    `OCR ${IMAGES} images: 1 worker ${one.perSecond.toFixed(2)}/s, ` +
      `${config.EXTRACT_POOL_SIZE} workers ${many.perSecond.toFixed(2)}/s, ` +
      `ratio ${(many.perSecond / one.perSecond).toFixed(2)}×`,
  );
} finally {
  await pool.close();
  await single.close();
}
const status = Deno.readTextFileSync("/proc/self/status");
const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
console.log(`peak RSS (VmHWM): ${hwm.toFixed(0)} MB`);
