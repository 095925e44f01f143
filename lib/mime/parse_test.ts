import assert from "node:assert/strict";
import { parseEmail } from "./parse.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/.{76}/g, "$&\r\n");

/** Single-byte legacy encoding, built by inverting TextDecoder over all byte values. */
function legacy(label: string, text: string): Uint8Array {
  const decoder = new TextDecoder(label);
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(new Uint8Array([b])), b);
  return new Uint8Array([...text].map((ch) => map.get(ch) ?? 0x3f));
}

function concat(...parts: (string | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === "string" ? enc(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

function qp(bytes: Uint8Array): string {
  return [...bytes].map((
    b,
  ) => (b >= 0x80 || b === 0x3d
    ? `=${b.toString(16).toUpperCase().padStart(2, "0")}`
    : String.fromCharCode(b))
  ).join("");
}

const RU = "Здравствуйте! Чайник сломался через неделю, прошу вернуть деньги.";

Deno.test("windows-1251 8bit body and raw unencoded 8-bit headers decode to Cyrillic", async () => {
  const raw = concat(
    "From: ",
    legacy("windows-1251", "Ольга Петрова"),
    " <olga@mail.ru>\r\nSubject: ",
    legacy("windows-1251", "Жалоба на чайник"),
    "\r\nContent-Type: text/plain; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
    legacy("windows-1251", RU),
    "\r\n",
  );
  const email = await parseEmail(raw);
  assert.equal(email.subject, "Жалоба на чайник");
  assert.deepEqual(email.from, { email: "olga@mail.ru", name: "Ольга Петрова" });
  assert.equal(email.text, RU);
});

Deno.test("raw KOI8-R headers without any charset declaration are guessed as KOI8-R", async () => {
  const raw = concat(
    "Subject: ",
    legacy("koi8-r", "Возврат денег за заказ"),
    "\r\nFrom: a@b.kz\r\n\r\n",
    legacy("koi8-r", RU),
  );
  const email = await parseEmail(raw);
  assert.equal(email.subject, "Возврат денег за заказ");
  assert.equal(email.text, RU);
});

Deno.test("KOI8-R quoted-printable body with a Q-encoded, folded subject", async () => {
  const raw = concat(
    "From: =?koi8-r?B?98zBxMnNydI=?= <v@k.kz>\r\n",
    "Subject: =?KOI8-R?Q?=F0=D2=CF=D7=C5=D2=CB=C1?=\r\n =?KOI8-R?Q?_=DA=C1=CB=C1=DA=C1?=\r\n",
    'Content-Type: text/plain; charset="koi8-r"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n',
    qp(legacy("koi8-r", RU)),
    "\r\n",
  );
  const email = await parseEmail(raw);
  assert.equal(email.subject, "Проверка заказа");
  assert.equal(email.from?.name, "Владимир");
  assert.equal(email.text, RU);
});

Deno.test("ISO-2022-JP body and B-encoded subject", async () => {
  const jis = [0x1b, 0x24, 0x42, 0x25, 0x46, 0x25, 0x39, 0x25, 0x48, 0x1b, 0x28, 0x42];
  const raw = concat(
    "From: t@example.jp\r\nSubject: =?ISO-2022-JP?B?",
    btoa(String.fromCharCode(...jis)),
    "?=\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n",
    new Uint8Array(jis),
    "\r\n",
  );
  const email = await parseEmail(raw);
  assert.equal(email.subject, "テスト");
  assert.equal(email.text, "テスト");
});

Deno.test("GBK body, UTF-7 body and a base64 UTF-8 subject split mid-character", async () => {
  const subject = enc("Жалоба №5");
  const raw = concat(
    `From: a@b.cn\r\nSubject: =?utf-8?B?${
      btoa(String.fromCharCode(...subject.subarray(0, 5)))
    }?=\r\n`,
    ` =?utf-8?B?${btoa(String.fromCharCode(...subject.subarray(5)))}?=\r\n`,
    'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=gb2312\r\n\r\n',
    new Uint8Array([0xd7, 0xaa, 0xb7, 0xa2]),
    "\r\n--b\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nHi +BBcENARABDAEMgRBBEIEMgRDBDkEQgQ1-!\r\n--b--\r\n",
  );
  const email = await parseEmail(raw);
  assert.equal(email.subject, "Жалоба №5");
  assert.equal(email.text, "转发\n\nHi Здравствуйте!");
});

Deno.test("RFC 2231 and RFC 2047 attachment names are decoded; missing names are generated", async () => {
  const raw = enc([
    "From: a@b.kz",
    "Subject: files",
    'Content-Type: multipart/mixed; boundary="x"',
    "",
    "--x",
    "Content-Type: text/plain",
    "",
    "see files",
    "--x",
    "Content-Type: application/pdf",
    "Content-Disposition: attachment; filename*=UTF-8''%D0%BF%D1%80%D0%B5%D1%82%D0%B5%D0%BD%D0%B7%D0%B8%D1%8F.pdf",
    "Content-Transfer-Encoding: base64",
    "",
    "JVBERi0xLjQK",
    "--x",
    "Content-Type: application/msword",
    "Content-Disposition: attachment;",
    " filename*0*=windows-1251''%D1%F7%E5%F2; filename*1=\".doc\"",
    "",
    "doc",
    "--x",
    'Content-Type: text/csv; name="=?utf-8?B?0LLRi9C/0LjRgdC60LAuY3N2?="',
    "",
    "a;b",
    "--x",
    "Content-Type: image/png",
    "Content-Transfer-Encoding: base64",
    "",
    "iVBORw0KGgo=",
    "--x",
    "Content-Type: application/octet-stream",
    "",
    "blob",
    "--x--",
    "",
  ].join("\r\n"));
  const email = await parseEmail(raw);
  assert.deepEqual(email.attachments.map((a) => [a.filename, a.contentType, a.disposition]), [
    ["претензия.pdf", "application/pdf", "attachment"],
    ["Счет.doc", "application/msword", "attachment"],
    ["выписка.csv", "text/csv", null],
    ["image-1.png", "image/png", null],
    ["attachment-1.bin", "application/octet-stream", null],
  ]);
  assert.equal(new TextDecoder().decode(email.attachments[0].content), "%PDF-1.4\n");
  assert.equal(email.text, "see files");
  assert.deepEqual(email.warnings, []);
});

Deno.test("multipart/related: cid image is related and named from its Content-ID, HTML keeps data-cid, text prefers plain", async () => {
  const raw = enc([
    "From: Arman <arman@outlook.com>",
    "To: Support <support@shop.kz>, =?utf-8?Q?=D0=90=D0=BB=D0=B8?= <ali@shop.kz>",
    "Cc: boss@shop.kz",
    "Reply-To: arman.reply@outlook.com",
    "Subject: Checkout  freezes",
    "Message-ID: < abc.123@outlook.com >",
    "In-Reply-To: <prev@shop.kz>",
    "References: <first@shop.kz>\r\n <prev@shop.kz>",
    "Date: Wed, 23 Sep 2026 20:15:38 +0500",
    'Content-Type: multipart/related; boundary="rel"',
    "",
    "--rel",
    'Content-Type: multipart/alternative; boundary="alt"',
    "",
    "--alt",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hello,   \r\nscreenshot below.\r\n> quoted earlier text\r\n",
    "--alt",
    "Content-Type: text/html; charset=utf-8",
    "",
    '<p onclick="x()">Hello,</p><img src="cid:image001.png@01DB"><script>alert(1)</script>',
    "--alt--",
    "--rel",
    "Content-Type: image/png",
    "Content-ID: <image001.png@01DB>",
    "Content-Disposition: inline",
    "Content-Transfer-Encoding: base64",
    "",
    "iVBORw0KGgo=",
    "--rel--",
    "",
  ].join("\r\n"));
  const email = await parseEmail(raw);
  assert.equal(email.text, "Hello,\nscreenshot below.\n> quoted earlier text");
  assert.equal(email.html, '<p>Hello,</p><img data-cid="image001.png@01DB" />');
  assert.deepEqual(
    email.attachments.map((a) => [a.filename, a.contentId, a.disposition, a.related]),
    [
      ["image001.png", "image001.png@01DB", "inline", true],
    ],
  );
  assert.equal(email.messageId, "abc.123@outlook.com");
  assert.equal(email.inReplyTo, "prev@shop.kz");
  assert.deepEqual(email.references, ["first@shop.kz", "prev@shop.kz"]);
  assert.equal(email.subject, "Checkout freezes");
  assert.equal(email.date, "2026-09-23T15:15:38.000Z");
  assert.deepEqual(email.to, [{ email: "support@shop.kz", name: "Support" }, {
    email: "ali@shop.kz",
    name: "Али",
  }]);
  assert.deepEqual(email.cc, [{ email: "boss@shop.kz", name: "" }]);
  assert.deepEqual(email.replyTo, [{ email: "arman.reply@outlook.com", name: "" }]);
  assert.equal(email.headers["message-id"], "< abc.123@outlook.com >");
  assert.equal(email.headers.to, "Support <support@shop.kz>, Али <ali@shop.kz>");
});

Deno.test("HTML-only mail: text is converted from the HTML, html is sanitized", async () => {
  const html = legacy(
    "windows-1251",
    "<html><body><p>Списали платёж</p><p>Прошу <b>вернуть</b></p><iframe src=x></iframe></body></html>",
  );
  const raw = concat(
    "From: a@bk.ru\r\nSubject: x\r\nContent-Type: text/html; charset=windows-1251\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    b64(html),
    "\r\n",
  );
  const email = await parseEmail(raw);
  assert.equal(email.text, "Списали платёж\n\nПрошу вернуть");
  assert.equal(email.html, "<p>Списали платёж</p><p>Прошу <b>вернуть</b></p>");
});

Deno.test("a forwarded message/rfc822 part joins the text and is kept as an .eml attachment", async () => {
  const inner =
    "From: Customer <c@x.kz>\r\nSubject: Broken TV\r\nContent-Type: text/plain\r\n\r\nThe TV is broken.\r\n";
  const raw = enc(
    `From: agent@shop.kz\r\nSubject: Fwd: Broken TV\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--m\r\nContent-Type: message/rfc822\r\n\r\n${inner}--m--\r\n`,
  );
  const email = await parseEmail(raw);
  assert.match(
    email.text,
    /^See below\.\n\n---------- Forwarded message ----------\nFrom: Customer <c@x.kz>\nSubject: Broken TV\n\nThe TV is broken\.$/,
  );
  assert.deepEqual(email.attachments.map((a) => [a.filename, a.contentType]), [[
    "Broken TV.eml",
    "message/rfc822",
  ]]);
});

Deno.test("malformed MIME still yields text and warnings", async (t) => {
  const cases: Record<string, string> = {
    "boundary never appears":
      'From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="nope"\r\n\r\nPlease refund order 123.\r\n',
    "no closing delimiter":
      'From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nPlease refund order 123.\r\n',
    "truncated base64 attachment":
      'From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\nPlease refund order 123.\r\n--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJc\r\n--b--\r\n',
    "missing blank line after headers":
      "From: a@b.kz\r\nSubject: s\r\nPlease refund order 123.\r\nThanks\r\n",
    "no headers at all": "Please refund order 123.\r\n",
    "broken boundary glues the attachment to the text":
      'From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="abcdefgh12345"\r\n\r\n--abcdefgh12345\r\nContent-Type: text/plain\r\n\r\nPlease refund order 123.\r\n\r\n--abcdefgh123\r\nContent-Type: application/pdf; name="r.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--abcdefgh123--\r\n',
    "invalid utf-8 label":
      "From: a@b.kz\r\nSubject: s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease refund order 123. \xff\xfe",
    "unparseable date":
      "From: a@b.kz\r\nSubject: s\r\nDate: yesterday-ish\r\n\r\nPlease refund order 123.",
  };
  for (const [name, source] of Object.entries(cases)) {
    await t.step(name, async () => {
      const bytes = new Uint8Array([...source].map((c) => c.charCodeAt(0)));
      const email = await parseEmail(bytes);
      assert.match(email.text, /^Please refund order 123\./, name);
      assert.ok(email.warnings.length > 0, `${name}: no warning`);
      if (name.startsWith("broken boundary")) {
        assert.doesNotMatch(email.text, /JVBER|Content-Type/);
        assert.deepEqual(email.attachments.map((a) => a.filename), ["r.pdf"]);
      }
    });
  }
});

Deno.test("garbage, empty and header-only input never throws", async () => {
  const garbage = new Uint8Array(100_000);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) & 0xff;
  for (
    const raw of [
      new Uint8Array(0),
      garbage,
      enc("Subject: only headers\r\n"),
      enc("--\r\n--\r\n"),
      enc("Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n"),
    ]
  ) {
    const email = await parseEmail(raw);
    assert.equal(typeof email.text, "string");
    assert.ok(Array.isArray(email.warnings));
  }
  assert.deepEqual((await parseEmail(new Uint8Array(0))).warnings, ["empty message"]);
});

Deno.test("deeply nested multiparts beyond postal-mime's limit degrade to a warning", async () => {
  let body = "Content-Type: text/plain\r\n\r\nDeep text\r\n";
  for (let i = 0; i < 300; i++) {
    body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}--n${i}--\r\n`;
  }
  const email = await parseEmail(enc(`From: a@b.kz\r\nSubject: deep\r\n${body}`));
  assert.equal(email.subject, "deep");
  assert.ok(email.warnings.some((w) => /nesting/i.test(w)), email.warnings.join("; "));
});

Deno.test("every naughty string survives as subject and as body", async () => {
  const blns: string[] = JSON.parse(
    Deno.readTextFileSync(new URL("../../../shared/hostile/blns/blns.json", import.meta.url)),
  );
  for (const s of blns) {
    const bytes = enc(s);
    const raw = enc(
      `From: a@b.kz\r\nSubject: =?utf-8?B?${
        btoa(String.fromCharCode(...bytes))
      }?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${
        b64(bytes)
      }\r\n`,
    );
    const email = await parseEmail(raw);
    // deno-lint-ignore no-control-regex
    assert.equal(email.subject, s.replace(/[\s\u0000]+/g, " ").trim(), JSON.stringify(s));
    assert.doesNotMatch(email.text, /\r|[ \t]\n|[ \t]$/, JSON.stringify(s));
    const plain = await parseEmail(
      concat(
        "From: a@b.kz\r\nSubject: ",
        bytes.filter((b) => b !== 0x0a && b !== 0x0d),
        "\r\n\r\n",
        bytes,
      ),
    );
    assert.equal(typeof plain.text, "string");
  }
});

Deno.test("a text part past a million characters is cut there with a warning; the start is kept", async () => {
  const line = "Заказ ORD-777 не пришёл, верните деньги.\r\n"; // multi-byte UTF-8
  const body = line.repeat(Math.ceil(1_300_000 / (line.length - 1)));
  const email = await parseEmail(enc(
    `From: a@b.kz\r\nSubject: long\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`,
  ));
  assert.equal(email.text.length, 1_000_000);
  assert.ok(email.text.startsWith("Заказ ORD-777 не пришёл"));
  assert.ok(!email.text.includes("\uFFFD"), "no broken character at the cut");
  assert.ok(email.warnings.some((w) => /text\/plain part was cut to 1000000/.test(w)));
});

Deno.test("an HTML part past four million characters is cut before it is read", async () => {
  const para = "<p>Parcel <b>lost</b> &amp; no answer.</p>\n";
  const html = `<html><body>${para.repeat(Math.ceil(4_500_000 / para.length))}</body></html>`;
  const email = await parseEmail(enc(
    `From: a@b.kz\r\nSubject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`,
  ));
  assert.ok(email.warnings.some((w) => /text\/html part was cut to 4000000/.test(w)));
  assert.match(email.text, /^Parcel\s+lost\s+& no answer\./);
  assert.ok(email.text.length < 4_000_000);
});

Deno.test("an invalid Content-Type (no subtype, empty, parameters only) is read as text/plain, charset kept", async (t) => {
  const cases: Record<string, string> = {
    "no subtype": "text; charset=utf-8",
    "empty": "",
    "parameters only": "; charset=utf-8",
    "unknown word": "plain-text; charset=utf-8",
  };
  for (const [name, value] of Object.entries(cases)) {
    await t.step(name, async () => {
      const single = await parseEmail(enc(
        `From: a@b.kz\r\nSubject: s\r\nContent-Type: ${value}\r\n\r\n${RU}\r\n`,
      ));
      assert.equal(single.text, RU);
      assert.deepEqual(single.attachments, []);
      const nested = await parseEmail(enc(
        `From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: ${value}\r\n\r\n${RU}\r\n--b--\r\n`,
      ));
      assert.equal(nested.text, RU);
      assert.deepEqual(nested.attachments, []);
    });
  }
});

Deno.test("a multipart/alternative with two text/plain versions gives the text once, from the last", async () => {
  const sentence = "My order 12345 arrived damaged and I want a refund.";
  const email = await parseEmail(enc(
    `From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n` +
      `--b\r\nContent-Type: text/plain\r\n\r\n${sentence}\r\n` +
      `--b\r\nContent-Type: text/plain; format=flowed\r\n\r\nMy order 12345 arrived damaged \r\nand I want a refund.\r\n` +
      `--b\r\nContent-Type: text/html\r\n\r\n<p>${sentence}</p>\r\n--b--\r\n`,
  ));
  assert.equal(email.text, sentence);
  assert.equal(email.html, `<p>${sentence}</p>`);
});

Deno.test("an alternative whose rich version is a mixed part keeps all of that version's HTML", async () => {
  const email = await parseEmail(enc(
    `From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n` +
      `--a\r\nContent-Type: text/plain\r\n\r\nBroken kettle, see photo.\r\n` +
      `--a\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n` +
      `--m\r\nContent-Type: text/html\r\n\r\n<p>Broken kettle,</p>\r\n` +
      `--m\r\nContent-Type: image/png; name=k.png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n` +
      `--m\r\nContent-Type: text/html\r\n\r\n<p>see photo.</p>\r\n--m--\r\n--a--\r\n`,
  ));
  assert.equal(email.text, "Broken kettle, see photo.");
  assert.match(email.html, /^<p>Broken kettle,<\/p>\s+<p>see photo\.<\/p>$/);
  assert.deepEqual(email.attachments.map((a) => a.filename), ["k.png"]);
});

Deno.test("a plain-text mail quoting a MIME part is kept whole and in order", async () => {
  const body = [
    "Hello, my order 12345 arrived damaged. Your notification looked like this:",
    "",
    "--=_boundary_abc123",
    "Content-Type: text/plain",
    "",
    "Your order has shipped.",
    "",
    "--=_boundary_abc123--",
    "",
    "Please refund me, the vase is broken. Regards, Ann",
  ].join("\n");
  const email = await parseEmail(enc(
    `From: a@b.kz\r\nSubject: s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${
      body.replaceAll("\n", "\r\n")
    }\r\n`,
  ));
  assert.equal(email.text, body);
  assert.deepEqual(email.attachments, []);
});

Deno.test("text after an attachment glued on by a broken boundary is kept, in place", async () => {
  const email = await parseEmail(enc(
    'From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="abcdefgh12345"\r\n\r\n' +
      "--abcdefgh12345\r\nContent-Type: text/plain\r\n\r\nPlease refund order 123.\r\n\r\n" +
      '--abcdefgh123\r\nContent-Type: application/pdf; name="r.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n' +
      "--abcdefgh123\r\nContent-Type: text/html\r\n\r\n<p>The <b>receipt</b> is attached.</p>\r\n" +
      "--abcdefgh123--\r\n\r\nThanks, Ann\r\n--abcdefgh12345--\r\n",
  ));
  assert.equal(email.text, "Please refund order 123.\n\nThe receipt is attached.\n\nThanks, Ann");
  assert.deepEqual(email.attachments.map((a) => a.filename), ["r.pdf"]);
  assert.ok(email.warnings.some((w) => /broken boundary/.test(w)), email.warnings.join("; "));
});

Deno.test("a multipart whose boundary never appears is read as its parts' text, without delimiters", async () => {
  const email = await parseEmail(enc(
    'From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="BOUNDARY_"\r\n\r\n' +
      "--BOUNDARY\r\nContent-Type: text/plain\r\n\r\nmessage 1\r\n\r\n" +
      "--BOUNDARY\r\nContent-Type: text/plain\r\n\r\nmessage 2\r\n\r\n--BOUNDARY--\r\n",
  ));
  assert.equal(email.text, "message 1\n\nmessage 2");
  assert.ok(email.warnings.some((w) => /never appears/.test(w)));
});

Deno.test("a forwarded message whose subject has a slash is named after the whole subject", async () => {
  const email = await parseEmail(enc(
    `From: a@b.kz\r\nSubject: Fwd: complaint\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n` +
      `--b\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n` +
      `From: Bob <bob@example.com>\r\nSubject: Invoice 2024/117 charged twice\r\n\r\nI was charged twice.\r\n--b--\r\n`,
  ));
  assert.deepEqual(email.attachments.map((a) => a.filename), [
    "Invoice 2024_117 charged twice.eml",
  ]);
  assert.match(
    email.text,
    /^See below\.\n[^]*\nSubject: Invoice 2024\/117 charged twice\n\nI was charged twice\.$/,
  );
});

Deno.test("the only text part, inline with a filename, is the body and stays listed", async () => {
  const sentence = "My order 12345 arrived damaged and I want a refund.";
  const mail = (disposition: string, body = "") =>
    enc(
      `From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n` +
        (body ? `--b\r\nContent-Type: text/plain\r\n\r\n${body}\r\n` : "") +
        `--b\r\nContent-Type: text/plain; name="complaint.txt"\r\n${disposition}\r\n${sentence}\r\n--b--\r\n`,
    );
  for (const disposition of ['Content-Disposition: inline; filename="complaint.txt"\r\n', ""]) {
    const only = await parseEmail(mail(disposition));
    assert.equal(only.text, sentence, disposition);
    assert.deepEqual(only.attachments.map((a) => a.filename), ["complaint.txt"]);
    assert.ok(only.warnings.some((w) => /read as the body/.test(w)));
  }
  // With body text of its own, a named text part is only an attachment.
  const withBody = await parseEmail(
    mail('Content-Disposition: inline; filename="complaint.txt"\r\n', "See the file."),
  );
  assert.equal(withBody.text, "See the file.");
  assert.deepEqual(withBody.attachments.map((a) => a.filename), ["complaint.txt"]);
  // Explicitly attached, it stays an attachment (its text is extracted from there).
  const attached = await parseEmail(
    mail('Content-Disposition: attachment; filename="complaint.txt"\r\n'),
  );
  assert.equal(attached.text, "");
  assert.deepEqual(attached.attachments.map((a) => a.filename), ["complaint.txt"]);
});

Deno.test("a part with no blank line after its headers keeps its text, with a warning", async () => {
  const email = await parseEmail(enc(
    "From: a@b.kz\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
      "--b\r\nContent-Type: text/plain\r\nMy order 12345 arrived damaged and I want a refund.\r\n--b--\r\n",
  ));
  assert.equal(email.text, "My order 12345 arrived damaged and I want a refund.");
  assert.ok(
    email.warnings.some((w) => /not followed by a blank line/.test(w)),
    email.warnings.join("; "),
  );
});
