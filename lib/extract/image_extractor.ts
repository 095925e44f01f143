import { checkPixels, downscale, encodePgm, imageSize, tiffPages, toGrey } from "./image.ts";
import { ocrImage } from "./ocr.ts";
import { decodeToGrey } from "./raster.ts";
import type { Extractor } from "./types.ts";

/**
 * Images by OCR. TIFF (deflate and multi-page included) and BMP are decoded here and handed to
 * Tesseract as grey, scaled down; the other formats go to Tesseract as they are, after their
 * header's size is checked against the pixel limit.
 */
export const extractImage: Extractor = async (job) => {
  const out = await readImage(job);
  // Said on every image read with fewer languages than usual, so agents know why.
  const note = job.ocr.note;
  return note ? { ...out, reason: out.reason ? `${out.reason}; ${note}` : note } : out;
};

const readImage: Extractor = async (job) => {
  const { bytes, limits } = job;
  const size = imageSize(bytes);
  if (!size) throw new Error("unreadable image header");
  checkPixels(size.width, size.height, limits.imageMaxPixels);
  if (job.mime === "image/tiff") {
    const pages = tiffPages(bytes, limits.ocrMaxPages, limits.imageMaxPixels);
    const texts: string[] = [];
    for (const page of pages) {
      texts.push((await ocrImage(encodePgm(downscale(page, limits.ocrMaxSide)), job.ocr)).trim());
    }
    return { text: texts.join("\n\n"), method: "ocr", pages: pages.length };
  }
  if (job.mime === "image/bmp") {
    const grey = decodeBmp(bytes);
    return {
      text: await ocrImage(encodePgm(downscale(grey, limits.ocrMaxSide)), job.ocr),
      method: "ocr",
      pages: 1,
    };
  }
  if (Math.max(size.width, size.height) > limits.ocrMaxSide) {
    const grey = decodeToGrey(bytes, job.mime, limits.imageMaxPixels);
    if (grey) {
      const pgm = encodePgm(downscale(grey, limits.ocrMaxSide));
      return { text: await ocrImage(pgm, job.ocr), method: "ocr", pages: 1 };
    }
  }
  // Small images, GIF and WebP: Tesseract decodes them itself; their size was checked above.
  return { text: await ocrImage(bytes, job.ocr), method: "ocr", pages: 1 };
};

/** Uncompressed 1/4/8 (palette) and 24/32-bit BMPs to grey (Tesseract fails on large BMPs itself). */
function decodeBmp(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const offset = v.getUint32(10, true);
  const width = Math.abs(v.getInt32(18, true));
  const rawHeight = v.getInt32(22, true);
  const height = Math.abs(rawHeight);
  const bpp = v.getUint16(28, true);
  const compression = v.getUint32(30, true);
  if (compression !== 0 && compression !== 3) throw new Error(`BMP compression ${compression}`);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new Error(`BMP with ${bpp} bits per pixel`);
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (offset + stride * height > b.length) throw new Error("BMP pixel data is truncated");
  const palette = bpp <= 8 ? b.subarray(14 + v.getUint32(14, true), offset) : null;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      let r: number, g: number, bl: number;
      if (palette) {
        const bit = x * bpp;
        const index = (b[row + (bit >> 3)] >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        [bl, g, r] = [palette[index * 4], palette[index * 4 + 1], palette[index * 4 + 2]];
      } else {
        const p = row + x * (bpp / 8);
        [bl, g, r] = [b[p], b[p + 1], b[p + 2]];
      }
      out[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * bl);
    }
  }
  return toGrey(out, width, height, 1);
}
