/** Generated benchmark emails: small mixed complaints and large ones with attachments. */
import { emailWithAttachments, type MailPart } from "../test/support/mail_builder.ts";
import { buildPdf } from "../test/support/fixtures/pdf.ts";
import { buildDocx, buildWorkbook } from "../test/support/fixtures/office.ts";

const SUBJECTS = [
  "Order ORD-%n has not arrived",
  "Refund for order %n still not received",
  "Заказ %n: товар пришёл сломанным",
  "Charged twice for order #A-%n",
  "App crashes when I pay for order %n",
];

const BODIES = [
  "Hello,\n\nI ordered a Samsung Galaxy A55 on 1 September (order ORD-%n) and paid 219 990 KZT. " +
  "The tracking page has not changed for five days. Please tell me when it will arrive.\n\nThanks,\nAida",
  "Добрый день! Купил чайник Tefal, заказ %n, оплатил 15 990 тенге. Он не включается. " +
  "Прошу заменить или вернуть деньги.\n\nС уважением, Марат",
  "Hi, my card was charged $49.99 twice for order #A-%n on 3 Sep 2026. Please refund one charge.",
];

function pick<T>(list: T[], i: number): T {
  return list[i % list.length];
}

function b64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/.{76}/g, "$&\r\n");
}

const QUOTE = Array.from(
  { length: 25 },
  (_, k) => `> Earlier message line ${k}: we are sorry for the inconvenience and will check.`,
).join("\n");
const STYLE = `<style>${
  Array.from({ length: 40 }, (_, k) => `.MsoClass${k} { margin: 0; font-family: Calibri; }`).join(
    " ",
  )
}</style>`;

/** A typical complaint email (~8 KB: text, quoted reply, styled HTML twin), unique by `i`. */
export function smallEmail(i: number): Uint8Array {
  const n = String(100000 + i);
  const subject = pick(SUBJECTS, i).replace("%n", n);
  const body = `${
    pick(BODIES, i).replaceAll("%n", n)
  }\n\nOn Fri, 4 Sep 2026 Support wrote:\n${QUOTE}`;
  const text = [
    `From: Customer ${i} <customer${i}@example.test>`,
    "To: support@example.test",
    `Subject: =?UTF-8?B?${b64(new TextEncoder().encode(subject)).replaceAll("\r\n", "")}?=`,
    "Date: Mon, 07 Sep 2026 10:00:00 +0500",
    `Message-ID: <bench-small-${i}-${crypto.randomUUID()}@example.test>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="alt"',
    "",
    "--alt",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(new TextEncoder().encode(body)),
    "--alt",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(
      new TextEncoder().encode(
        `<html><head>${STYLE}</head><body><div class="MsoClass1"><p>${
          body.replaceAll("\n", "<br>")
        }</p></div></body></html>`,
      ),
    ),
    "--alt--",
    "",
  ];
  return new TextEncoder().encode(text.join("\r\n"));
}

/**
 * Copies of one ~2 MB email differing only in their Message-ID, made by overwriting the id's
 * bytes in place so generating a copy costs a memcpy, not a base64 encoding.
 */
export function largeEmails(blob: Uint8Array): (i: number) => Uint8Array {
  const template = largeEmail(0, blob);
  const text = new TextDecoder("latin1").decode(template.subarray(0, 2000));
  const start = text.indexOf("<bench-large-") + 1;
  return (i: number) => {
    const copy = template.slice();
    const id = new TextEncoder().encode(`bench-large-${String(i).padStart(10, "0")}`);
    copy.set(id, start);
    return copy;
  };
}

/** A ~2 MB email: a text body plus a 1.4 MB binary and a CSV attachment, unique by `i`. */
export function largeEmail(i: number, blob: Uint8Array): Uint8Array {
  const body = pick(BODIES, i).replaceAll("%n", String(200000 + i));
  const csv = Array.from({ length: 2000 }, (_, r) => `${r},ORD-${r},item ${r},${r * 10} KZT`).join(
    "\n",
  );
  const text = [
    `From: Customer ${i} <customer${i}@example.test>`,
    "To: support@example.test",
    `Subject: Large complaint ${i}`,
    "Date: Mon, 07 Sep 2026 10:00:00 +0500",
    `Message-ID: <bench-large-${i}-${crypto.randomUUID()}@example.test>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="mix"',
    "",
    "--mix",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "--mix",
    'Content-Type: application/octet-stream; name="photo.bin"',
    'Content-Disposition: attachment; filename="photo.bin"',
    "Content-Transfer-Encoding: base64",
    "",
    b64(blob),
    "--mix",
    'Content-Type: text/csv; name="items.csv"',
    'Content-Disposition: attachment; filename="items.csv"',
    "Content-Transfer-Encoding: base64",
    "",
    b64(new TextEncoder().encode(csv)),
    "--mix--",
    "",
  ];
  return new TextEncoder().encode(text.join("\r\n"));
}

/**
 * Realistic complaints with attachments that repeat across mails (a PDF invoice, a DOCX letter,
 * an XLS statement, a scanned PNG receipt read by OCR): copy `i` differs in customer, order
 * number and Message-ID, not in its attachment bytes, as when many customers send the same
 * shop's documents.
 */
export function realisticEmails(): (i: number) => Uint8Array {
  const lines = (n: number) =>
    Array.from({ length: n }, (_, k) => `Item ${k + 1}: order ZE-2026-${10000 + k} paid 4 990 KZT`);
  const rows = Array.from({ length: 120 }, (_, k) => [`ZE-2026-${k}`, k * 10, "Delivered"]);
  const scan = Deno.readFileSync(new URL("../test/fixtures/extract/scan_en.png", import.meta.url));
  const files: MailPart[] = [
    {
      filename: "invoice.pdf",
      contentType: "application/pdf",
      bytes: buildPdf([{ lines: lines(30) }]),
    },
    { filename: "letter.docx", contentType: DOCX, bytes: buildDocx(lines(20)) },
    {
      filename: "statement.xls",
      contentType: "application/vnd.ms-excel",
      bytes: buildWorkbook({ S: rows }, "xls"),
    },
    { filename: "receipt.png", contentType: "image/png", bytes: scan },
  ];
  return (i: number) =>
    new TextEncoder().encode(emailWithAttachments({
      subject: pick(SUBJECTS, i).replace("%n", String(300000 + i)),
      body: pick(BODIES, i).replaceAll("%n", String(300000 + i)),
      attachments: [files[i % files.length]],
      from: `Customer ${i} <mix${i}@example.test>`,
      messageId: `bench-mix-${i}-${crypto.randomUUID()}`,
    }));
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A mail of about `size` bytes: a short text and one attachment of random bytes (base64). */
export function randomAttachmentEmail(i: number, size: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor((size * 3) / 4) - 2048);
  for (let k = 0; k < bytes.length; k += 65536) {
    crypto.getRandomValues(bytes.subarray(k, Math.min(bytes.length, k + 65536)));
  }
  return new TextEncoder().encode(emailWithAttachments({
    subject: `Photo of the damaged parcel ${i}`,
    body: pick(BODIES, i).replaceAll("%n", String(400000 + i)),
    attachments: [{ filename: `photo${i}.bin`, contentType: "application/octet-stream", bytes }],
    from: `Customer ${i} <random${i}@example.test>`,
    messageId: `bench-random-${i}-${crypto.randomUUID()}`,
  }));
}
