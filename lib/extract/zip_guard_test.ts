import assert from "node:assert/strict";
import { zipRefusal } from "./zip_guard.ts";
import {
  buildDocx,
  buildManyEntryZip,
  buildWorkbook,
  buildZipBomb,
} from "../../test/support/fixtures/office.ts";

const limits = { maxEntries: 1000, maxRatio: 100, maxBytes: 50_000_000 };

Deno.test("ordinary DOCX and XLSX files pass the zip guard", () => {
  assert.equal(zipRefusal(buildDocx(["Order ZE-1", "Total 100"]), limits), null);
  assert.equal(zipRefusal(buildWorkbook({ S: [["a", 1]] }, "xlsx"), limits), null);
});

Deno.test("a zip bomb is refused by its declared ratio before inflating", () => {
  const bomb = buildZipBomb(20_000_000);
  const started = performance.now();
  assert.match(zipRefusal(bomb, limits) ?? "", /compression ratio \d+ \(limit 100\)/);
  assert.ok(performance.now() - started < 50, "declared sizes refuse it without inflating");
});

Deno.test("a zip bomb lying about its sizes is stopped once it inflates past them", () => {
  const bomb = buildZipBomb(20_000_000, true);
  assert.match(zipRefusal(bomb, limits) ?? "", /inflates past its declared size/);
});

Deno.test("a zip with too many entries is refused", () => {
  assert.match(zipRefusal(buildManyEntryZip(1500), limits) ?? "", /1501 entries \(limit 1000\)/);
});

Deno.test("total inflated bytes are capped whatever the ratio", () => {
  const docx = buildDocx(["x".repeat(10_000)]);
  assert.match(zipRefusal(docx, { ...limits, maxBytes: 5000 }) ?? "", /limit 5000/);
});

Deno.test("a truncated or non-zip file is refused, not thrown on", () => {
  const docx = buildDocx(["hello"]);
  assert.match(zipRefusal(docx.subarray(0, docx.length - 30), limits) ?? "", /zip/);
  assert.match(zipRefusal(new Uint8Array(100), limits) ?? "", /not a readable zip/);
});
