import { createHash } from "node:crypto";
import type { EnvConfig } from "../config.ts";
import type { BlobStore } from "../blobs/port.ts";
import type { Logger } from "../log.ts";
import { extractionBlobKey } from "../pipeline/keys.ts";
import { type ExtractedFields, extractFile, type FileToExtract } from "./attachment.ts";
import type { ExtractPool } from "./pool.ts";
import { limitsFrom } from "./registry.ts";

/** Raised when extractors change what they read from the same bytes: old records are not reused. */
export const EXTRACTION_VERSION = 1;

/** The settings that shape an extraction result, as a short tag for its record's key. */
export function extractionSettingsTag(config: EnvConfig): string {
  const shaping = {
    v: EXTRACTION_VERSION,
    limits: limitsFrom(config),
    maxBytes: config.ATTACHMENT_MAX_BYTES,
    ocr: config.OCR_RUS_TRAINEDDATA,
  };
  return createHash("sha256").update(JSON.stringify(shaping)).digest("hex").slice(0, 12);
}

/**
 * Extract a file's text once per content: a file whose SHA-256 was read before (a logo in every
 * signature, the same invoice resent, a scanned form OCR'd once) reuses that record from the blob
 * store, shared by every instance, instead of running the extractor again. Failures (a timeout, a
 * crashed worker) are not kept, so the next mail tries again. Never throws.
 */
export async function extractReusing(
  ctx: { blobs: BlobStore; config: EnvConfig; log: Logger },
  pool: ExtractPool,
  file: FileToExtract,
  sha256: string,
): Promise<ExtractedFields> {
  const key = extractionBlobKey(sha256, extractionSettingsTag(ctx.config));
  try {
    const stored = await ctx.blobs.get(key);
    if (stored) {
      const fields = JSON.parse(new TextDecoder().decode(stored)) as ExtractedFields;
      if (fields.extraction) {
        return { ...fields, extraction: { ...fields.extraction, reused: true } };
      }
    }
  } catch (err) {
    ctx.log.warn("extraction_record_unreadable", { key, error: String(err) });
  }
  const fields = await extractFile(pool, ctx.config, file);
  if (fields.extraction && fields.extraction.status !== "failed") {
    const bytes = new TextEncoder().encode(JSON.stringify(fields));
    await ctx.blobs.put(key, bytes, "application/json").catch((err) =>
      ctx.log.warn("extraction_record_not_kept", { key, error: String(err) })
    );
  }
  return fields;
}
