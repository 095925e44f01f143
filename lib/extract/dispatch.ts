import { extractText } from "./text.ts";
import type { ExtractKind } from "./detect.ts";
import { type ExtractJob, ExtractLimitError, type Extractor } from "./types.ts";

/** What one job returns from the worker: the record's fields for this file. */
export interface ExtractResult {
  status: "done" | "skipped" | "failed";
  text: string;
  method?: string;
  pages?: number;
  reason?: string;
}

// Loaded on first use so a worker that only reads text never loads pdf.js or Tesseract; text
// (the commonest) loads with the worker.
const EXTRACTORS: Partial<Record<ExtractKind, () => Promise<Extractor>>> = {
  pdf: async () => (await import("./pdf.ts")).extractPdf,
  docx: async () => (await import("./docx.ts")).extractDocx,
  doc: async () => (await import("./doc.ts")).extractDoc,
  xlsx: async () => (await import("./sheet.ts")).extractSheet,
  xls: async () => (await import("./sheet.ts")).extractSheet,
  csv: async () => (await import("./sheet.ts")).extractSheet,
  text: () => Promise.resolve(extractText),
  html: () => Promise.resolve(extractText),
  rtf: async () => (await import("./rtf.ts")).extractRtf,
  image: async () => (await import("./image_extractor.ts")).extractImage,
};

/** Runs the extractor for a job's kind; never throws (errors become `failed`/`skipped`). */
export async function runJob(job: ExtractJob): Promise<ExtractResult> {
  const load = EXTRACTORS[job.kind];
  if (!load) return { status: "skipped", text: "", reason: `no extractor for ${job.mime}` };
  try {
    const out = await (await load())(job);
    const text = cleanText(out.text);
    const cut = text.length > job.limits.maxChars;
    return {
      status: "done",
      text: cut ? text.slice(0, job.limits.maxChars) : text,
      method: out.method,
      pages: out.pages,
      reason: [out.reason, cut ? `text cut to ${job.limits.maxChars} characters` : ""]
        .filter(Boolean).join("; ") || undefined,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return err instanceof ExtractLimitError
      ? { status: "skipped", text: "", reason: message }
      : { status: "failed", text: "", reason: `${job.kind}: ${message}`.slice(0, 500) };
  }
}

function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    // deno-lint-ignore no-control-regex -- control bytes from untrusted files are dropped on purpose
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f]/g, "")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
