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
