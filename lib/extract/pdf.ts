import { extractImages, getDocumentProxy } from "unpdf";
import { downscale, encodePgm, toGrey } from "./image.ts";
import { ocrImage } from "./ocr.ts";
import type { Extractor } from "./types.ts";

/**
 * PDF text page by page (unpdf); a page without a text layer (a scan) is read by OCR from its
 * largest image. Pages past the limit are not read, and the record says so.
 */
export const extractPdf: Extractor = async (job) => {
  const { limits } = job;
  // getDocumentProxy detaches the buffer it is given.
  const pdf = await getDocumentProxy(job.bytes.slice(), { verbosity: 0 });
  try {
    const total = pdf.numPages;
    const pages = Math.min(total, limits.pdfMaxPages);
    const texts: string[] = [];
    let ocrPages = 0;
    let chars = 0;
    for (let n = 1; n <= pages && chars < limits.maxChars; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
      }
      if (!text.trim() && ocrPages < limits.ocrMaxPages) {
        const scanned = await ocrPage(pdf, n, job);
        if (scanned !== null) {
          ocrPages++;
          text = scanned;
        }
      }
      page.cleanup();
      texts.push(text.trim());
      chars += text.length;
    }
    const reason = total > pages ? `read the first ${pages} of ${total} pages` : undefined;
    return {
      text: texts.filter(Boolean).join("\n\n"),
      method: ocrPages > 0 ? (ocrPages === pages ? "ocr" : "pdf+ocr") : "pdf",
      pages: total,
      reason,
    };
  } finally {
    // The typings lag pdf.js: destroy() frees the document's worker-side state.
    await (pdf as unknown as { destroy?: () => Promise<void> }).destroy?.();
  }
};

async function ocrPage(
  pdf: Awaited<ReturnType<typeof getDocumentProxy>>,
  n: number,
  job: Parameters<Extractor>[0],
): Promise<string | null> {
  const images = await extractImages(pdf, n);
  const largest = images
    .filter((i) => i.width * i.height <= job.limits.imageMaxPixels)
    .sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!largest) return null;
  const grey = toGrey(largest.data, largest.width, largest.height, largest.channels);
  return await ocrImage(encodePgm(downscale(grey, job.limits.ocrMaxSide)), job.ocr);
}
