import assert from "node:assert/strict";
import { renderMail } from "./render.ts";

const dec = new TextDecoder();

/** The header block of a rendered message, unfolded, as lines. */
function headerLines(raw: string): string[] {
  return raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ").split("\r\n");
}

Deno.test("a rendered mail carries our Message-ID and the threading headers in angle brackets", async () => {
  const raw = dec.decode(
    await renderMail({
      from: "support@shop.example",
      to: "aida@example.test",
      subject: "Re: Parcel [#ABC123]",
      text: "Hello",
      messageId: "r1@shop.example",
      inReplyTo: "c1@example.test",
      references: ["c0@example.test", "c1@example.test"],
    }),
  );
  const lines = headerLines(raw);
  assert.ok(lines.includes("Message-ID: <r1@shop.example>"), raw);
  assert.ok(lines.includes("In-Reply-To: <c1@example.test>"), raw);
  assert.ok(lines.includes("References: <c0@example.test> <c1@example.test>"), raw);
  assert.ok(lines.includes("Subject: Re: Parcel [#ABC123]"), raw);
});

Deno.test("CR/LF in a subject or header value never starts a header of its own", async () => {
  const raw = dec.decode(
    await renderMail({
      from: "support@shop.example",
      to: "aida@example.test",
      subject: "Hi\r\nBcc: victim@evil.example\r\nX-Injected: 1",
      text: "Body\r\n.\r\nMAIL FROM:<x@evil.example>\r\n",
      messageId: "r2@shop.example",
      headers: { "Auto-Submitted": "auto-replied\r\nX-Injected: 2" },
    }),
  );
  const names = headerLines(raw).map((l) => l.slice(0, l.indexOf(":")).toLowerCase());
  assert.ok(!names.includes("bcc"), raw);
  assert.ok(!names.includes("x-injected"), raw);
});

Deno.test("one message rendered twice, a second apart, is the same bytes (date and boundary kept)", async () => {
  const mail = {
    from: "support@shop.example",
    to: "aida@example.test",
    subject: "Re: Invoice",
    text: "The corrected invoice is attached.",
    messageId: "r2@shop.example",
    date: "2026-09-07T10:00:00.000Z",
    attachments: [{
      filename: "invoice.txt",
      contentType: "text/plain",
      content: new TextEncoder().encode("Total: 40 EUR"),
    }],
  };
  const first = dec.decode(await renderMail(mail));
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const second = dec.decode(await renderMail(mail));
  assert.equal(second, first);
  assert.ok(headerLines(first).includes("Date: Mon, 07 Sep 2026 10:00:00 +0000"), first);
  // Another message gets another boundary: a customer cannot know ours in advance.
  const other = dec.decode(await renderMail({ ...mail, messageId: "r3@shop.example" }));
  const boundary = (raw: string) => /boundary="([^"]+)"/.exec(raw)?.[1];
  assert.ok(boundary(first));
  assert.notEqual(boundary(other), boundary(first));
});
