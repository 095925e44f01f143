import { skipUnlessRussianOcr } from "../../test/harness/require.ts";
import { parseConfig } from "../config.ts";
import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";
import { emailWithAttachments, type MailPart } from "../../test/support/mail_builder.ts";
import { buildPdf } from "../../test/support/fixtures/pdf.ts";
import { buildDocx, buildWorkbook, buildZipBomb } from "../../test/support/fixtures/office.ts";
import { decodeGreyPng, encodeTiff, pngBomb } from "../../test/support/fixtures/images.ts";
import type { Complaint } from "../schema/complaint.ts";

const fixture = (name: string) =>
  Deno.readFileSync(new URL(`../../test/fixtures/extract/${name}`, import.meta.url));
const utf8 = (s: string) => new TextEncoder().encode(s);
async function complaintOf(
  app: Awaited<ReturnType<typeof startTestApp>>,
  res: Response,
): Promise<Complaint> {
  const { id } = await res.json();
  return await (await app.api(`/complaints/${id}`)).json();
}

const BODY = "Hello, please look at the attached file and help me. Thank you.";

Deno.test({
  name: "facts that appear only inside an attachment reach extractedText and the entities",
  ignore: skipUnlessRussianOcr(parseConfig({}).OCR_RUS_TRAINEDDATA),
}, async () => {
  const app = await startTestApp({ EXTRACT_POOL_SIZE: "2" });
  try {
    const cases: [MailPart, string, number][] = [
      [
        {
          filename: "invoice.pdf",
          contentType: "application/pdf",
          bytes: buildPdf([{
            lines: ["Order ZE-2026-046608", "Total 219990 KZT", "Error E-4012"],
          }]),
        },
        "ZE-2026-046608",
        219990,
      ],
      [
        {
          filename: "claim.docx",
          contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          bytes: buildDocx(["Order ZE-2026-031842 arrived broken.", "I paid 54990 KZT."]),
        },
        "ZE-2026-031842",
        54990,
      ],
      [
        {
          filename: "payments.xlsx",
          contentType: "application/octet-stream",
          bytes: buildWorkbook(
            { Payments: [["Order ZE-2026-009870", "Charged 12500 KZT"]] },
            "xlsx",
          ),
        },
        "ZE-2026-009870",
        12500,
      ],
      [
        {
          filename: "scan.tif",
          contentType: "image/tiff",
          bytes: encodeTiff([decodeGreyPng(fixture("scan_ru.png"))], "deflate"),
        },
        "ZE-2026-031842",
        18450,
      ],
      [
        {
          filename: "claim.rtf",
          contentType: "application/rtf",
          bytes: utf8("{\\rtf1\\ansi Order ZE-2026-033905, amount 7500 KZT\\par}"),
        },
        "ZE-2026-033905",
        7500,
      ],
    ];
    for (const [part, order, amount] of cases) {
      const res = await app.ingest(emailWithAttachments({
        subject: "Problem with my purchase",
        body: BODY,
        attachments: [part],
      }));
      assert.equal(res.status, 201, part.filename);
      const complaint = await complaintOf(app, res);
      const att = complaint.attachments[0];
      assert.equal(att.extraction?.status, "done", `${part.filename}: ${att.extraction?.reason}`);
      assert.match(att.extractedText.replace(/\s+/g, " "), new RegExp(order), part.filename);
      assert.ok(
        complaint.entities.orderNumbers.includes(order),
        `${part.filename}: ${JSON.stringify(complaint.entities)}`,
      );
      assert.ok(
        complaint.entities.amounts.some((a) => a.value === amount),
        `${part.filename}: ${JSON.stringify(complaint.entities.amounts)}`,
      );
    }
  } finally {
    await app.stop();
  }
});

Deno.test("an email with hostile attachments still becomes a complaint, each bounded", async () => {
  const app = await startTestApp({ EXTRACT_POOL_SIZE: "1" });
  try {
    const res = await app.ingest(emailWithAttachments({
      subject: "Order ZE-2026-000001 problem",
      body: BODY,
      attachments: [
        {
          filename: "bomb.docx",
          contentType: "application/msword",
          bytes: buildZipBomb(30_000_000),
        },
        { filename: "huge.png", contentType: "image/png", bytes: pngBomb(40_000, 40_000) },
        {
          filename: "broken.pdf",
          contentType: "application/pdf",
          bytes: utf8("%PDF-1.4\ngarbage"),
        },
        { filename: "note.txt", contentType: "text/plain", bytes: utf8("Order ZE-2026-000002") },
      ],
    }));
    assert.equal(res.status, 201);
    const complaint = await complaintOf(app, res);
    assert.equal(complaint.processing.state, "done");
    const [bomb, huge, broken, note] = complaint.attachments;
    assert.equal(bomb.extraction?.status, "skipped");
    assert.match(bomb.extraction?.reason ?? "", /ratio/);
    assert.equal(huge.extraction?.status, "skipped");
    assert.match(huge.extraction?.reason ?? "", /pixels/);
    assert.equal(broken.extraction?.status, "failed");
    assert.equal(note.extractedText, "Order ZE-2026-000002");
    assert.equal(complaint.attachments.length, 4, "every attachment is kept");
    const download = await app.api(`/complaints/${complaint.id}/attachments/0`);
    assert.equal(
      (await download.arrayBuffer()).byteLength,
      bomb.size,
      "the bomb is stored as sent",
    );
  } finally {
    await app.stop();
  }
});
