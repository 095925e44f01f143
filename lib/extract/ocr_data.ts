import { dirname, join } from "node:path";
import eng from "@tesseract.js-data/eng";
import kaz from "@tesseract.js-data/kaz";
import type { OcrData } from "./types.ts";

/**
 * Gathers OCR language data into one temp folder (Tesseract reads every language from one
 * path): English from npm, Russian from Debian's `tesseract-ocr-rus` when installed — measured
 * 0.5% character errors on Russian text against 7% for npm's Kazakh model, which loses ё, ъ
 * and № — else Kazakh, whose Cyrillic still reads Russian. Nothing is fetched from a network.
 * Where no temp folder can be made (an edge runtime without write permission) OCR reads English
 * only, straight from npm's folder, and says so in `note`.
 */
export async function prepareOcrData(rusTraineddata: string): Promise<OcrData & { dir?: string }> {
  let dir: string;
  try {
    dir = await Deno.makeTempDir({ prefix: "inbox-triage-tessdata-" });
  } catch (err) {
    return {
      langPath: dirname(bestInt(eng.langPath, "eng")),
      langs: "eng",
      gzip: true,
      note: `OCR reads English only here (no folder for more languages: ${errName(err)})`,
    };
  }
  await Deno.symlink(bestInt(eng.langPath, "eng"), join(dir, "eng.traineddata"));
  let second = "kaz";
  try {
    if (rusTraineddata && (await Deno.stat(rusTraineddata)).isFile) second = "rus";
  } catch {
    // Not installed: Kazakh below.
  }
  await Deno.symlink(
    second === "rus" ? rusTraineddata : bestInt(kaz.langPath, "kaz"),
    join(dir, `${second}.traineddata`),
  );
  return { dir, langPath: dir, langs: `eng+${second}`, gzip: false };
}

// The packages point at their legacy models; the LSTM-only "best_int" ones are smaller and
// what tesseract.js uses by default.
const bestInt = (langPath: string, code: string) =>
  join(dirname(langPath), "4.0.0_best_int", `${code}.traineddata.gz`);

function errName(err: unknown): string {
  return err instanceof Error ? err.name : String(err);
}
