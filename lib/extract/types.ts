import type { ExtractKind } from "./detect.ts";

/** Limits an extractor applies while reading one file (from config). */
export interface ExtractLimits {
  pdfMaxPages: number;
  ocrMaxPages: number;
  imageMaxPixels: number;
  /** Longest side an image is scaled down to (in grey) before OCR. */
  ocrMaxSide: number;
  zipMaxEntries: number;
  zipMaxRatio: number;
  zipMaxBytes: number;
  maxChars: number;
}

/** OCR language data prepared by the pool: a folder of `<code>.traineddata` and the codes. */
export interface OcrData {
  langPath: string;
  langs: string;
  /** Files are named `<code>.traineddata.gz` (npm's folders) rather than without `.gz`. */
  gzip: boolean;
  /** Why OCR reads fewer languages than it could (recorded on each image it reads). */
  note?: string;
}

/** One file to read, as sent to a pool worker. */
export interface ExtractJob {
  kind: ExtractKind;
  mime: string;
  filename: string;
  bytes: Uint8Array;
  limits: ExtractLimits;
  ocr: OcrData;
}

/** What an extractor found. `reason` explains a partial result (pages over the limit…). */
export interface ExtractOutput {
  text: string;
  method: string;
  pages?: number;
  reason?: string;
}

/** An extractor: one per file type, each in its own module, run only inside a pool worker. */
export type Extractor = (job: ExtractJob) => Promise<ExtractOutput>;

/** Raised by an extractor for a file it refuses (over a limit): recorded as `skipped`. */
export class ExtractLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExtractLimitError";
  }
}
