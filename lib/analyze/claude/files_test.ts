import assert from "node:assert/strict";
import { fileBlocks } from "./files.ts";

const bytes = (n: number) => new Uint8Array(n).fill(65);

Deno.test("fileBlocks keeps images and PDFs in order and skips other types", () => {
  const blocks = fileBlocks([
    { filename: "a.JPG", contentType: "IMAGE/JPEG; name=a.jpg", data: bytes(3) },
    { filename: "b.docx", contentType: "application/msword", data: bytes(3) },
    { filename: "c.pdf", contentType: "application/pdf", data: bytes(3) },
    { filename: "d.tiff", contentType: "image/tiff", data: bytes(3) },
  ]);
  assert.deepEqual(blocks.map((b) => b.type), ["image", "document"]);
  assert.equal(blocks[0].source.type === "base64" && blocks[0].source.data, "QUFB");
  assert.equal(blocks[1].type === "document" && blocks[1].title, "c.pdf");
});

Deno.test("fileBlocks stops at the file count and skips what would pass the byte limits", () => {
  const limits = { maxFiles: 2, maxImageBytes: 10, maxTotalBytes: 25 };
  const png = (n: number) => ({ filename: "p.png", contentType: "image/png", data: bytes(n) });
  assert.equal(fileBlocks([png(11), png(5)], limits).length, 1, "image over its own limit");
  assert.equal(fileBlocks([png(10), png(10), png(10)], limits).length, 2, "file count");
  const pdf = { filename: "x.pdf", contentType: "application/pdf", data: bytes(20) };
  assert.deepEqual(fileBlocks([png(10), pdf, png(5)], limits).map((b) => b.type), [
    "image",
    "image",
  ]);
});
