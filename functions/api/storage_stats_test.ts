import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";
import { emailWithAttachments } from "../../test/support/mail_builder.ts";

Deno.test("storage-stats needs the API token and counts raw emails and attachments", async () => {
  const app = await startTestApp();
  try {
    const open = await fetch(`${app.url}/functions/v1/api/storage-stats`);
    assert.equal(open.status, 401);
    await open.body?.cancel();

    const pdf = new TextEncoder().encode("%PDF-1.4 not really a pdf, 40 bytes....");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const raws: string[] = [];
    for (const subject of ["Broken kettle", "Kettle again"]) {
      // The same PDF in both emails: content-addressed, so it is stored once.
      const raw = emailWithAttachments({
        subject,
        body: "See the attached invoice.",
        attachments: [
          { filename: "invoice.pdf", contentType: "application/pdf", bytes: pdf },
          ...(raws.length ? [] : [{ filename: "photo.png", contentType: "image/png", bytes: png }]),
        ],
      });
      raws.push(raw);
      const res = await app.ingest(raw);
      assert.equal(res.status, 201, await res.text());
    }
    const res = await app.api("/storage-stats");
    assert.equal(res.status, 200);
    const rawBytes = raws.reduce((n, r) => n + new TextEncoder().encode(r).length, 0);
    const stats = await res.json();
    assert.deepEqual(stats.byKind.raw, { objects: 2, bytes: rawBytes });
    assert.deepEqual(stats.byKind.attachment, { objects: 2, bytes: pdf.length + png.length });
    assert.deepEqual(stats.byKind.other, { objects: 0, bytes: 0 });
    // One extraction record per distinct file read (failures are not kept), however many mails.
    assert.ok(stats.byKind.extraction.objects <= 2, JSON.stringify(stats.byKind.extraction));
    assert.equal(
      stats.objects,
      2 + 2 + stats.byKind.extraction.objects,
      "raws, attachments and extraction records",
    );
  } finally {
    await app.stop();
  }
});
