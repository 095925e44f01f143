import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";
import { buildPdf } from "../../test/support/fixtures/pdf.ts";
import { pngBomb } from "../../test/support/fixtures/images.ts";

function upload(bytes: Uint8Array, name: string, type: string): FormData {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return form;
}

Deno.test("POST /analyze-attachment returns type, text, extraction record and analysis", async () => {
  const app = await startTestApp();
  try {
    const pdf = buildPdf([{ lines: ["Order ZE-2026-046608 was charged twice: 219990 KZT"] }]);
    const res = await app.api("/analyze-attachment", {
      method: "POST",
      body: upload(pdf, "invoice.bin", "application/octet-stream"),
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.filename, "invoice.bin");
    assert.equal(body.size, pdf.length);
    assert.equal(body.declaredType, "application/octet-stream");
    assert.equal(body.detectedType, "application/pdf");
    assert.equal(body.extraction.status, "done");
    assert.equal(body.extraction.method, "pdf");
    assert.equal(body.extraction.pages, 1);
    assert.match(body.extractedText, /ZE-2026-046608/);
    assert.deepEqual(body.analysis.analysis.entities.orderNumbers, ["ZE-2026-046608"]);
    assert.equal(body.analysis.analysis.entities.amounts[0].value, 219990);
  } finally {
    await app.stop();
  }
});

Deno.test("POST /analyze-attachment bounds hostile files and refuses bad requests", async () => {
  const app = await startTestApp({ ATTACHMENT_MAX_BYTES: "100000" });
  try {
    const bomb = await app.api("/analyze-attachment", {
      method: "POST",
      body: upload(pngBomb(50_000, 50_000), "bomb.png", "image/png"),
    });
    const b = await bomb.json();
    assert.equal(b.extraction.status, "skipped");
    assert.equal(b.analysis, null);
    const big = await app.api("/analyze-attachment", {
      method: "POST",
      body: upload(new Uint8Array(300_000), "big.bin", "application/octet-stream"),
    });
    assert.equal(big.status, 413);
    await big.body?.cancel();
    const noFile = await app.api("/analyze-attachment", { method: "POST", body: new FormData() });
    assert.equal(noFile.status, 400);
    assert.equal((await noFile.json()).error.code, "missing_file");
    const json = await app.api("/analyze-attachment", { method: "POST", body: "{}" });
    assert.equal(json.status, 415);
    await json.body?.cancel();
    const anon = await fetch(`${app.url}/functions/v1/api/analyze-attachment`, {
      method: "POST",
      body: upload(new Uint8Array([1]), "a.bin", "application/octet-stream"),
    });
    assert.equal(anon.status, 401);
    await anon.body?.cancel();
  } finally {
    await app.stop();
  }
});
