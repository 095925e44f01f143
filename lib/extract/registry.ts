import type { EnvConfig } from "../config.ts";
import { ExtractPool } from "./pool.ts";
import type { ExtractLimits } from "./types.ts";

/** The extraction pool for a config (workers start only when jobs come). */
export function createExtractPool(config: EnvConfig): ExtractPool {
  return new ExtractPool({
    size: config.EXTRACT_POOL_SIZE,
    timeoutMs: config.EXTRACT_TIMEOUT_MS,
    rusTraineddata: config.OCR_RUS_TRAINEDDATA,
    // Supabase's edge runtime has no Web Workers: read files in the isolate there.
    inline: typeof Worker === "undefined",
  });
}

/** The per-file limits from config. */
export function limitsFrom(config: EnvConfig): ExtractLimits {
  return {
    pdfMaxPages: config.PDF_MAX_PAGES,
    ocrMaxPages: config.OCR_MAX_PAGES,
    imageMaxPixels: config.IMAGE_MAX_PIXELS,
    ocrMaxSide: 2500,
    zipMaxEntries: config.ZIP_MAX_ENTRIES,
    zipMaxRatio: config.ZIP_MAX_RATIO,
    zipMaxBytes: config.ATTACHMENT_MAX_BYTES * 10,
    maxChars: config.EXTRACT_MAX_CHARS,
  };
}
