/** Generated benchmark emails: small mixed complaints and large ones with attachments. */

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

/** A small complaint email (~1–3 KB), unique by `i`. */
export function smallEmail(i: number): Uint8Array {
  const n = String(100000 + i);
  const subject = pick(SUBJECTS, i).replace("%n", n);
  const body = pick(BODIES, i).replaceAll("%n", n);
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
    b64(new TextEncoder().encode(`<div><p>${body.replaceAll("\n", "<br>")}</p></div>`)),
    "--alt--",
    "",
  ];
  return new TextEncoder().encode(text.join("\r\n"));
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
