import { createWorker, type Worker as TesseractWorker } from "tesseract.js";
import type { OcrData } from "./types.ts";

let engine: Promise<TesseractWorker> | null = null;
let engineKey = "";

/**
 * Text of one image (PNG, JPEG, GIF, BMP, WebP, PGM, simple TIFF) by Tesseract. The engine
 * starts once per pool worker (≈200 ms) and is reused; it dies with the worker.
 */
export async function ocrImage(image: Uint8Array, data: OcrData): Promise<string> {
  const key = `${data.langPath}|${data.langs}|${data.gzip}`;
  if (!engine || engineKey !== key) {
    engineKey = key;
    engine = createWorker(data.langs, 1, {
      langPath: data.langPath,
      // Only the file name follows this; Tesseract gunzips by the magic bytes either way.
      gzip: data.gzip,
      // Else it writes traineddata copies into the working directory.
      cacheMethod: "none",
      // Else one unreadable image throws an uncaught error inside its thread.
      errorHandler: () => {},
    });
  }
  const worker = await engine;
  const result = await worker.recognize(image as never);
  return tengeSigns(latinizeCodes(result.data.text));
}

const HOMOGLYPHS: Record<string, string> = {
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  У: "Y",
  З: "3",
};

/**
 * Tesseract's models have no "₸": a price followed by a lone T/Т ("7990T", "379 990 Т") is the
 * tenge sign read as a letter, so it is put back.
 */
export function tengeSigns(text: string): string {
  return text.replace(
    /(\d(?:[.,]\d{2})?)([ \u00a0]?)[TТ](?![\p{L}\p{N}])/gu,
    (_m, n: string, sp: string) => `${n}${sp}₸`,
  );
}

/**
 * With Russian and English both loaded, Tesseract may read the Latin letters of a code
 * (order ZE-2026-…, error E-4012) as their Cyrillic look-alikes. In tokens that mix letters,
 * digits and dashes — codes, not words — those letters are put back to Latin.
 */
export function latinizeCodes(text: string): string {
  return text.replace(/[\p{L}\d]+(?:[-/][\p{L}\d]+)+/gu, (token) => {
    if (!/\d/.test(token) || !/[А-Я]/.test(token)) return token;
    const mapped = token.replace(/[А-Я]/g, (c) => HOMOGLYPHS[c] ?? c);
    return /[А-Яа-я]/.test(mapped) ? token : mapped;
  });
}
