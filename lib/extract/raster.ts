import { decode as decodeJpeg } from "jpeg-js";
import { convertIndexedToRgb, decode as decodePng } from "fast-png";
import { type GreyImage, toGrey } from "./image.ts";

/**
 * Decodes a JPEG or PNG to grey so a large one can be scaled down before OCR (Tesseract would
 * read every pixel of a 12-megapixel photo). Null for layouts not handled here (PNG under 8
 * bits a sample), which then go to Tesseract as they are.
 */
export function decodeToGrey(bytes: Uint8Array, mime: string, maxPixels: number): GreyImage | null {
  if (mime === "image/jpeg") {
    const img = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      // jpeg-js's own guards, so a lying header cannot make it allocate past our limit.
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: Math.ceil((maxPixels * 4) / 1e6) + 64,
    });
    return toGrey(img.data, img.width, img.height, img.data.length / (img.width * img.height));
  }
  if (mime === "image/png") {
    let png = decodePng(bytes);
    if (png.palette) {
      const rgb = convertIndexedToRgb(png);
      png = { ...png, data: rgb, channels: rgb.length / (png.width * png.height), depth: 8 };
    }
    if (png.depth !== 8 && png.depth !== 16) return null;
    const data = png.depth === 16
      ? Uint8Array.from(png.data as Uint16Array, (v) => v >> 8)
      : png.data as Uint8Array;
    return toGrey(data, png.width, png.height, png.channels);
  }
  return null;
}
