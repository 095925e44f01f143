import type { AppContext } from "../context.ts";
import type { EnvConfig } from "../config.ts";
import { ExtractPool } from "./pool.ts";
import type { ExtractLimits } from "./types.ts";

const pools = new WeakMap<Pick<AppContext, "config">, ExtractPool>();

/** The context's extraction pool, made on first use (workers start only when jobs come). */
export function extractPoolFor(ctx: Pick<AppContext, "config">): ExtractPool {
  let pool = pools.get(ctx);
  if (!pool) {
    pool = new ExtractPool({
      size: ctx.config.EXTRACT_POOL_SIZE,
      timeoutMs: ctx.config.EXTRACT_TIMEOUT_MS,
      rusTraineddata: ctx.config.OCR_RUS_TRAINEDDATA,
    });
    pools.set(ctx, pool);
  }
  return pool;
}

/** Terminates the context's extraction workers; call on shutdown (a no-op when none ran). */
export async function closeExtractPool(ctx: Pick<AppContext, "config">): Promise<void> {
  const pool = pools.get(ctx);
  pools.delete(ctx);
  await pool?.close();
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
