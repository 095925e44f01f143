import UTIF from "utif2";
import { ExtractLimitError } from "./types.ts";

/** Width and height from an image's header, without decoding it (null when unreadable). */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && len >= 24) {
      return { width: v.getUint32(16), height: v.getUint32(20) };
    }
    if (bytes[0] === 0x47 && bytes[1] === 0x49 && len >= 10) {
      return { width: v.getUint16(6, true), height: v.getUint16(8, true) };
    }
    if (bytes[0] === 0x42 && bytes[1] === 0x4d && len >= 26) {
      return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, v);
    if (String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP") return webpSize(bytes, v);
    if ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d)) {
      checkIfdChain(bytes, v);
      const ifd = UTIF.decode(asBuffer(bytes))[0] as Record<string, number[]> | undefined;
      if (ifd?.t256 && ifd?.t257) return { width: ifd.t256[0], height: ifd.t257[0] };
    }
  } catch {
    return null;
  }
  return null;
}

function jpegSize(b: Uint8Array, v: DataView) {
  let p = 2;
  while (p + 9 < b.length) {
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: v.getUint16(p + 5), width: v.getUint16(p + 7) };
    }
    p += 2 + v.getUint16(p + 2);
  }
  return null;
}

function webpSize(b: Uint8Array, v: DataView) {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === "VP8 ") {
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  }
  if (chunk === "VP8L") {
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    const w = 1 + (b[24] | (b[25] << 8) | (b[26] << 16));
    const h = 1 + (b[27] | (b[28] << 8) | (b[29] << 16));
    return { width: w, height: h };
  }
  return null;
}

/** Refuses an image whose header declares more pixels than allowed (a pixel bomb). */
export function checkPixels(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new ExtractLimitError(`image is ${width}×${height} (limit ${maxPixels} pixels)`);
  }
}

/** A grey image: one byte per pixel. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Interleaved 1/3/4-channel pixels to grey (ITU-R 601 luma). */
export function toGrey(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
): GreyImage {
  const out = new Uint8Array(width * height);
  if (channels === 1) {
    out.set(data.subarray(0, out.length));
    return { width, height, data: out };
  }
  for (let i = 0, p = 0; i < out.length; i++, p += channels) {
    const a = channels === 4 ? data[p + 3] / 255 : 1;
    const y = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
    // Transparent pixels read as white paper, not black.
    out[i] = Math.round(y * a + 255 * (1 - a));
  }
  return { width, height, data: out };
}

/** Scales down (box average) so the longer side is at most `maxSide`; smaller images pass. */
export function downscale(img: GreyImage, maxSide: number): GreyImage {
  const scale = Math.max(img.width, img.height) / maxSide;
  if (scale <= 1) return img;
  const f = Math.ceil(scale);
  const width = Math.floor(img.width / f);
  const height = Math.floor(img.height / f);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        const row = (y * f + dy) * img.width + x * f;
        for (let dx = 0; dx < f; dx++) sum += img.data[row + dx];
      }
      out[y * width + x] = Math.round(sum / (f * f));
    }
  }
  return { width, height, data: out };
}

/** Binary PGM (P5): the cheapest format Tesseract's image reader takes. */
export function encodePgm(img: GreyImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head);
  out.set(img.data, head.length);
  return out;
}

/**
 * Every page of a TIFF (any compression utif2 reads, deflate included) as grey, refusing
 * pages over the pixel limit before decoding them.
 */
export function tiffPages(bytes: Uint8Array, maxPages: number, maxPixels: number): GreyImage[] {
  checkIfdChain(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const ifds = UTIF.decode(
    asBuffer(bytes),
  ) as (Record<string, number[]> & { width: number; height: number })[];
  if (ifds.length === 0) throw new Error("TIFF has no pages");
  const pages: GreyImage[] = [];
  for (const ifd of ifds.slice(0, maxPages)) {
    const w = ifd.t256?.[0] ?? 0;
    const h = ifd.t257?.[0] ?? 0;
    checkPixels(w, h, maxPixels);
    UTIF.decodeImage(asBuffer(bytes), ifd as never);
    pages.push(grey16(ifd) ?? toGrey(UTIF.toRGBA8(ifd as never), ifd.width, ifd.height, 4));
  }
  return pages;
}

// utif2 copies its input into a Uint8Array, so a view serves as well as an ArrayBuffer.
const asBuffer = (bytes: Uint8Array) => bytes as unknown as ArrayBuffer;

const MAX_TIFF_PAGES = 1000;

/**
 * Walks a TIFF's chain of page directories before utif2 does: utif2 follows it with no end
 * check, so a directory pointing back at itself would loop (and allocate) forever.
 */
export function checkIfdChain(bytes: Uint8Array, v: DataView): void {
  const le = bytes[0] === 0x49;
  const seen = new Set<number>();
  let offset = v.getUint32(4, le);
  while (offset !== 0) {
    if (seen.has(offset)) throw new Error("TIFF page directories loop");
    if (seen.size >= MAX_TIFF_PAGES) throw new Error(`TIFF has over ${MAX_TIFF_PAGES} pages`);
    if (offset + 2 > bytes.length) throw new Error("TIFF page directory out of bounds");
    seen.add(offset);
    const next = offset + 2 + v.getUint16(offset, le) * 12;
    if (next + 4 > bytes.length) throw new Error("TIFF page directory out of bounds");
    offset = v.getUint32(next, le);
  }
}

/**
 * 16-bit grey TIFFs (with or without alpha), which utif2's toRGBA8 reads at the wrong stride:
 * the high byte of each grey sample, over white where transparent. Null for other layouts.
 */
function grey16(
  ifd: Record<string, number[]> & { width: number; height: number; data?: Uint8Array },
): GreyImage | null {
  const bps = ifd.t258?.[0];
  const photometric = ifd.t262?.[0];
  const spp = ifd.t277?.[0] ?? 1;
  if (bps !== 16 || (photometric !== 0 && photometric !== 1) || !ifd.data || spp > 2) return null;
  const le = (ifd as unknown as { isLE: boolean }).isLE;
  const n = ifd.width * ifd.height;
  if (ifd.data.length < n * spp * 2) return null;
  const out = new Uint8Array(n);
  const hi = le ? 1 : 0;
  for (let i = 0; i < n; i++) {
    let g = ifd.data[i * spp * 2 + hi];
    if (photometric === 0) g = 255 - g;
    const a = spp === 2 ? ifd.data[i * spp * 2 + 2 + hi] / 255 : 1;
    out[i] = Math.round(g * a + 255 * (1 - a));
  }
  return { width: ifd.width, height: ifd.height, data: out };
}
