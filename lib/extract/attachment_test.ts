import { skipUnlessRussianOcr } from "../../test/harness/require.ts";
import assert from "node:assert/strict";
import { encode as encodeJpeg } from "jpeg-js";
import { parseConfig } from "../config.ts";
import { type ExtractedFields, extractFile } from "./attachment.ts";
import { ExtractPool } from "./pool.ts";
import {
  bmpBomb,
  decodeGreyPng,
  encodeBmp,
  encodeGreyPng,
  encodeTiff,
  enlarge,
  pngBomb,
} from "../../test/support/fixtures/images.ts";
import { buildPdf } from "../../test/support/fixtures/pdf.ts";
import {
  buildDocx,
  buildHugeRangeXlsx,
  buildManyEntryZip,
  buildTnef,
  buildWorkbook,
  buildZipBomb,
} from "../../test/support/fixtures/office.ts";

const fixture = (name: string) =>
  Deno.readFileSync(new URL(`../../test/fixtures/extract/${name}`, import.meta.url));
const utf8 = (s: string) => new TextEncoder().encode(s);
const EN = decodeGreyPng(fixture("scan_en.png"));
const RU = decodeGreyPng(fixture("scan_ru.png"));

async function withPool(
  env: Record<string, string>,
  fn: (
    extract: (name: string, type: string, bytes: Uint8Array) => Promise<ExtractedFields>,
  ) => Promise<void>,
) {
  const config = parseConfig({ EXTRACT_POOL_SIZE: "2", ...env });
  const pool = new ExtractPool({
    size: config.EXTRACT_POOL_SIZE,
    timeoutMs: config.EXTRACT_TIMEOUT_MS,
    rusTraineddata: config.OCR_RUS_TRAINEDDATA,
  });
  try {
    await fn((filename, contentType, content) =>
      extractFile(pool, config, { filename, contentType, content })
    );
  } finally {
    await pool.close();
  }
}

// Squashes OCR's line breaks and spacing so facts compare as words.
const flat = (s: string) => s.replace(/\s+/g, " ");

Deno.test("documents of every type give their text with the facts in it", async () => {
  await withPool({}, async (extract) => {
    const cases: [string, string, Uint8Array, string[], string][] = [
      [
        "invoice.pdf",
        "application/pdf",
        buildPdf([{ lines: ["Invoice ZE-2026-046608"] }, { lines: ["Total 219990 KZT"] }]),
        ["ZE-2026-046608", "Total 219990 KZT"],
        "pdf",
      ],
      [
        "letter.docx",
        "application/octet-stream",
        buildDocx(["Order ZE-2026-031842", "Заказ не доставлен, сумма 18 450 тенге"]),
        ["ZE-2026-031842", "сумма 18 450 тенге"],
        "docx",
      ],
      [
        "payments.xlsx",
        "application/vnd.ms-excel",
        buildWorkbook({ Payments: [["Order", "Amount"], ["ZE-2026-009870", 54990]] }, "xlsx"),
        ["# Payments", "ZE-2026-009870\t54990"],
        "xlsx",
      ],
      [
        "return_list.xls",
        "application/vnd.ms-excel",
        buildWorkbook({ "Возврат": [["Заказ", "Сумма"], ["ZE-2026-039154", 12000]] }, "xls"),
        ["# Возврат", "ZE-2026-039154\t12000"],
        "xls",
      ],
      [
        "operations.csv",
        "text/csv",
        new Uint8Array([
          ...new TextEncoder().encode("date;op\n"),
          0xce,
          0xef,
          0xeb,
          0xe0,
          0xf2,
          0xe0,
        ]),
        ["date\top", "Оплата"],
        "csv",
      ],
      [
        "crash.txt",
        "text/plain",
        new Uint8Array([
          0xff,
          0xfe,
          ...new Uint8Array(
            new Uint16Array([...("Error E-4012")].map((c) => c.charCodeAt(0))).buffer,
          ),
        ]),
        ["Error E-4012"],
        "text",
      ],
      [
        "page.html",
        "text/html",
        utf8(
          "<html><body><h1>Ticket</h1><p>Order <b>ZE-5</b> failed</p><script>x()</script></body></html>",
        ),
        ["Order ZE-5 failed"],
        "html",
      ],
      [
        "claim.rtf",
        "application/rtf",
        utf8(
          "{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0 Arial;}}\\f0 \\'cf\\'f0\\'e5\\'f2\\'e5\\'ed\\'e7\\'e8\\'ff " +
            "ZE-2026-011111 \\u1089?\\u1091?\\u1084?\\u1084?\\u1072? 7500\\par}",
        ),
        ["Претензия ZE-2026-011111 сумма 7500"],
        "rtf",
      ],
    ];
    for (const [name, type, bytes, facts, method] of cases) {
      const got = await extract(name, type, bytes);
      assert.equal(got.extraction?.status, "done", `${name}: ${got.extraction?.reason}`);
      assert.equal(got.extraction?.method, method, name);
      for (const fact of facts) {
        assert.ok(
          got.extractedText.includes(fact),
          `${name}: ${fact} in ${JSON.stringify(got.extractedText)}`,
        );
      }
    }
  });
});

Deno.test({
  name: "images of every format are read by OCR, English and Russian",
  ignore: skipUnlessRussianOcr(parseConfig({}).OCR_RUS_TRAINEDDATA),
}, async () => {
  await withPool({}, async (extract) => {
    const cases: [string, Uint8Array][] = [
      ["scan.png", fixture("scan_en.png")],
      ["scan.jpg", fixture("scan_en.jpg")],
      ["scan.gif", fixture("scan_en.gif")],
      ["scan.webp", fixture("scan_en.webp")],
      ["scan.bmp", encodeBmp(EN)],
      ["scan_deflate.tif", encodeTiff([EN], "deflate")],
    ];
    for (const [name, bytes] of cases) {
      const got = await extract(name, "application/octet-stream", bytes);
      assert.equal(got.extraction?.method, "ocr", `${name}: ${got.extraction?.reason}`);
      const text = flat(got.extractedText);
      assert.match(text, /ZE-2026-046608/, `${name}: ${text}`);
      assert.match(text, /219990 KZT/, `${name}: ${text}`);
      assert.match(text, /E-4012/, `${name}: ${text}`);
    }
    const ru = await extract("ошибка.png", "image/png", fixture("scan_ru.png"));
    assert.match(flat(ru.extractedText), /ZE-2026-031842/);
    assert.match(flat(ru.extractedText), /доставлен/);
    assert.match(flat(ru.extractedText), /сумма 18 450 тенге/);
  });
});

Deno.test("large PNG and JPEG photos are decoded, scaled down to grey and read", async () => {
  await withPool({}, async (extract) => {
    const big = enlarge(EN, 3, 5200);
    const rgba = new Uint8Array(big.width * big.height * 4);
    for (let i = 0; i < big.data.length; i++) rgba.fill(big.data[i], i * 4, i * 4 + 3);
    const jpeg = new Uint8Array(
      encodeJpeg({ width: big.width, height: big.height, data: rgba }, 90).data,
    );
    for (const [name, bytes] of [["big.png", encodeGreyPng(big)], ["big.jpg", jpeg]] as const) {
      const got = await extract(name, "application/octet-stream", bytes);
      assert.equal(got.extraction?.status, "done", `${name}: ${got.extraction?.reason}`);
      assert.match(flat(got.extractedText), /ZE-2026-046608/, name);
    }
  });
});

Deno.test({
  name: "multi-page TIFFs and scanned PDFs are read page by page",
  ignore: skipUnlessRussianOcr(parseConfig({}).OCR_RUS_TRAINEDDATA),
}, async () => {
  await withPool({}, async (extract) => {
    const tiff = await extract("scan0001.tif", "image/tiff", encodeTiff([EN, RU], "none"));
    assert.equal(tiff.extraction?.pages, 2);
    assert.match(flat(tiff.extractedText), /ZE-2026-046608.*ZE-2026-031842/);
    const pdf = await extract(
      "scan.pdf",
      "application/pdf",
      buildPdf([{ lines: ["Cover letter for order ZE-1"] }, { image: EN }]),
    );
    assert.equal(pdf.extraction?.status, "done");
    assert.equal(pdf.extraction?.method, "pdf+ocr");
    assert.match(flat(pdf.extractedText), /Cover letter for order ZE-1 .*ZE-2026-046608/);
  });
});

Deno.test("a corrupt file of each type fails alone with a reason", async () => {
  await withPool({}, async (extract) => {
    const pdf = buildPdf([{ lines: ["x"] }]);
    const docx = buildDocx(["x"]);
    const xlsx = buildWorkbook({ S: [["x"]] }, "xlsx");
    const xls = buildWorkbook({ S: [["x"]] }, "xls");
    const png = fixture("scan_en.png");
    const cases: [string, Uint8Array][] = [
      ["broken.pdf", new Uint8Array([...pdf.subarray(0, 9), ...new Uint8Array(200).fill(7)])],
      ["broken.docx", docx.map((b, i) => (i > 60 && i < docx.length - 200 ? b ^ 0x5a : b))],
      ["broken.xlsx", xlsx.map((b, i) => (i > 60 && i < xlsx.length - 300 ? b ^ 0x5a : b))],
      ["broken.xls", xls.map((b, i) => (i > 600 ? 0xff : b))],
      [
        "broken.doc",
        (() => {
          const ole = new Uint8Array(2048).fill(0x11);
          ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
          return ole;
        })(),
      ],
      ["broken.png", png.subarray(0, 200)],
      ["broken.jpg", fixture("scan_en.jpg").subarray(0, 300)],
      ["broken.tif", encodeTiff([EN], "deflate").subarray(0, 400)],
      ["broken.bmp", encodeBmp(EN).subarray(0, 4000)],
    ];
    for (const [name, bytes] of cases) {
      const got = await extract(name, "application/octet-stream", bytes);
      assert.notEqual(got.extraction?.status, "done", `${name} should not read`);
      assert.ok(got.extraction?.reason, `${name} has a reason`);
      assert.equal(got.extractedText.trim().length < 40, true, `${name}: ${got.extractedText}`);
    }
    const ok = await extract("after.txt", "text/plain", utf8("still working"));
    assert.equal(ok.extractedText, "still working", "the pool survives them all");
  });
});

Deno.test("hostile files are bounded: zip bombs, pixel bombs, a PDF of thousands of pages", async () => {
  await withPool({ PDF_MAX_PAGES: "50" }, async (extract) => {
    for (const bomb of [buildZipBomb(30_000_000), buildZipBomb(30_000_000, true)]) {
      const got = await extract("bomb.docx", "application/octet-stream", bomb);
      assert.equal(got.extraction?.status, "skipped");
      assert.match(got.extraction?.reason ?? "", /ratio|declared size/);
    }
    const many = await extract("many.xlsx", "application/octet-stream", buildManyEntryZip(6000));
    assert.match(many.extraction?.reason ?? "", /entries \(limit 5000\)/);
    for (
      const [name, bomb] of [["bomb.png", pngBomb(30_000, 30_000)], [
        "bomb.bmp",
        bmpBomb(20_000, 20_000),
      ]] as const
    ) {
      const got = await extract(name, "image/png", bomb);
      assert.equal(got.extraction?.status, "skipped", name);
      assert.match(got.extraction?.reason ?? "", /pixels/);
    }
    const grid = await extract("grid.xlsx", "application/octet-stream", buildHugeRangeXlsx());
    assert.equal(grid.extraction?.status, "done", grid.extraction?.reason);
    assert.match(grid.extractedText, /ZE-2026-000777/);
    const pages = Array.from({ length: 3000 }, (_, i) => ({ lines: [`Page ${i + 1}`] }));
    const started = performance.now();
    const big = await extract("huge.pdf", "application/pdf", buildPdf(pages));
    assert.equal(big.extraction?.status, "done");
    assert.equal(big.extraction?.pages, 3000);
    assert.match(big.extraction?.reason ?? "", /first 50 of 3000 pages/);
    assert.match(big.extractedText, /Page 50$/);
    assert.ok(performance.now() - started < 20_000);
  });
});

Deno.test("files over the size or character limits are stored-only or cut", async () => {
  await withPool({ ATTACHMENT_MAX_BYTES: "1000", EXTRACT_MAX_CHARS: "100" }, async (extract) => {
    const big = await extract("big.txt", "text/plain", utf8("x".repeat(2000)));
    assert.equal(big.extraction?.status, "skipped");
    assert.match(big.extraction?.reason ?? "", /2000 bytes \(limit 1000\)/);
    const long = await extract("long.txt", "text/plain", utf8("word ".repeat(150)));
    assert.equal(long.extractedText.length, 100);
    assert.match(long.extraction?.reason ?? "", /cut to 100 characters/);
  });
});

Deno.test("forwarded emails and TNEF winmail.dat are read with the files inside them", async () => {
  await withPool({}, async (extract) => {
    const inner = [
      "From: Bank <noreply@bank.test>",
      "Subject: Payment declined",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Your payment was declined.",
      "--b",
      'Content-Type: application/pdf; name="receipt.pdf"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment; filename="receipt.pdf"',
      "",
      btoa(String.fromCharCode(...buildPdf([{ lines: ["Receipt for ZE-2026-077777"] }]))),
      "--b--",
      "",
    ].join("\r\n");
    const got = await extract("forwarded.eml", "message/rfc822", utf8(inner));
    assert.equal(got.detectedType, "message/rfc822");
    assert.equal(got.extraction?.method, "eml");
    assert.match(got.extractedText, /Subject: Payment declined/);
    assert.match(got.extractedText, /Your payment was declined/);
    assert.match(got.extractedText, /\[receipt\.pdf\]\nReceipt for ZE-2026-077777/);
    const tnef = await extract(
      "winmail.dat",
      "application/ms-tnef",
      buildTnef("Please see the invoice.", [{
        filename: "invoice.pdf",
        content: buildPdf([{ lines: ["Order ZE-2026-088888 total 5000 KZT"] }]),
      }]),
    );
    assert.equal(tnef.detectedType, "application/ms-tnef");
    assert.equal(tnef.extraction?.method, "tnef");
    assert.match(tnef.extractedText, /Please see the invoice\./);
    assert.match(tnef.extractedText, /\[invoice\.pdf\]\nOrder ZE-2026-088888 total 5000 KZT/);
    const broken = await extract(
      "winmail.dat",
      "application/ms-tnef",
      new Uint8Array([0x78, 0x9f, 0x3e, 0x22, 1, 0, 1, 0x0c, 0x80, 2, 0, 0xff, 0xff, 0, 0]),
    );
    assert.equal(broken.extraction?.status, "failed");
    assert.match(broken.extraction?.reason ?? "", /tnef: .*past the end/);
  });
});
