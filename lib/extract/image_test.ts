import assert from "node:assert/strict";
import { checkPixels, downscale, encodePgm, imageSize, tiffPages, toGrey } from "./image.ts";
import {
  bmpBomb,
  decodeGreyPng,
  encodeBmp,
  encodeTiff,
  pngBomb,
} from "../../test/support/fixtures/images.ts";

const fixture = (name: string) =>
  Deno.readFileSync(new URL(`../../test/fixtures/extract/${name}`, import.meta.url));

Deno.test("imageSize reads width and height from every format's header", () => {
  const png = fixture("scan_en.png");
  const { width, height } = decodeGreyPng(png);
  for (const name of ["scan_en.png", "scan_en.jpg", "scan_en.gif", "scan_en.webp"]) {
    assert.deepEqual(imageSize(fixture(name)), { width, height }, name);
  }
  const grey = decodeGreyPng(png);
  assert.deepEqual(imageSize(encodeBmp(grey)), { width, height });
  assert.deepEqual(imageSize(encodeTiff([grey], "deflate")), { width, height });
  assert.equal(imageSize(new Uint8Array([0x89, 0x50, 0x4e])), null);
});

Deno.test("pixel bombs are refused from their header", () => {
  for (const bomb of [pngBomb(100_000, 100_000), bmpBomb(60_000, 60_000)]) {
    const size = imageSize(bomb)!;
    assert.throws(() => checkPixels(size.width, size.height, 50_000_000), /limit 50000000 pixels/);
  }
});

Deno.test("tiffPages decodes deflate and multi-page TIFFs to grey pages", () => {
  const a = { width: 3, height: 2, data: new Uint8Array([0, 50, 100, 150, 200, 250]) };
  const b = { width: 2, height: 2, data: new Uint8Array([9, 8, 7, 6]) };
  const pages = tiffPages(encodeTiff([a, b], "deflate"), 10, 1000);
  assert.equal(pages.length, 2);
  assert.deepEqual([...pages[0].data], [...a.data]);
  assert.deepEqual([...pages[1].data], [...b.data]);
  assert.equal(tiffPages(encodeTiff([a, b], "none"), 1, 1000).length, 1, "page limit");
  assert.throws(() => tiffPages(encodeTiff([a], "none"), 10, 5), /limit 5 pixels/);
});

Deno.test("toGrey puts transparent pixels on white and downscale averages boxes", () => {
  const rgba = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 255]);
  assert.deepEqual([...toGrey(rgba, 2, 1, 4).data], [255, 0]);
  const img = { width: 4, height: 2, data: new Uint8Array([0, 100, 200, 200, 100, 200, 0, 0]) };
  const small = downscale(img, 2);
  assert.deepEqual([small.width, small.height, ...small.data], [2, 1, 100, 100]);
  assert.equal(downscale(img, 10), img, "small images pass unchanged");
  const pgm = encodePgm(small);
  assert.equal(new TextDecoder().decode(pgm.subarray(0, 11)), "P5\n2 1\n255\n");
});

Deno.test("a TIFF whose page directory points at itself is refused, not looped on", () => {
  const tiff = encodeTiff([{ width: 2, height: 2, data: new Uint8Array(4) }], "none");
  const dv = new DataView(tiff.buffer);
  const entries = dv.getUint16(8, true);
  dv.setUint32(8 + 2 + entries * 12, 8, true);
  assert.throws(() => tiffPages(tiff, 10, 1000), /loop/);
  assert.equal(imageSize(tiff), null);
});
