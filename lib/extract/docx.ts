import { Buffer } from "node:buffer";
import { zipRefusal } from "./zip_guard.ts";
import { ExtractLimitError, type Extractor } from "./types.ts";

let mammoth: typeof import("mammoth") | null = null;

/**
 * DOCX by mammoth. mammoth assigns `__proto__`, which Deno disables; the accessor is put back
 * only here, and this module only ever loads inside a pool worker, never the main process.
 */
export const extractDocx: Extractor = async (job) => {
  const refusal = zipRefusal(job.bytes, {
    maxEntries: job.limits.zipMaxEntries,
    maxRatio: job.limits.zipMaxRatio,
    maxBytes: job.limits.zipMaxBytes,
  });
  if (refusal) throw new ExtractLimitError(refusal);
  if (!mammoth) {
    restoreProtoAccessor();
    mammoth = (await import("mammoth")).default as unknown as typeof import("mammoth");
  }
  const result = await mammoth.extractRawText({ buffer: Buffer.from(job.bytes) });
  return { text: result.value, method: "docx" };
};

function restoreProtoAccessor(): void {
  // Deno keeps the accessor but makes its setter a no-op: replace it outright.
  Object.defineProperty(Object.prototype, "__proto__", {
    configurable: true,
    get(this: object) {
      return Object.getPrototypeOf(this);
    },
    set(this: object, proto: object | null) {
      Object.setPrototypeOf(this, proto);
    },
  });
}
