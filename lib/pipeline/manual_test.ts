import assert from "node:assert/strict";
import PostalMime from "postal-mime";
import { composeRawEmail, type ManualSubmission, manualSubmissionSchema } from "./manual.ts";

const NOW = new Date("2026-09-01T10:20:30.000Z");

/** Validate like the endpoint does, compose, and read the result back with a real MIME parser. */
async function roundTrip(input: Record<string, unknown>, now = NOW) {
  const submission: ManualSubmission = manualSubmissionSchema.parse(input);
  const raw = composeRawEmail(submission, now);
  return { raw, email: await PostalMime.parse(raw) };
}

Deno.test("sender, subject, body and date survive a round trip through postal-mime", async () => {
  const { email } = await roundTrip({
    customer_email: "anna@example.test",
    customer_name: "Anna Petrova",
    subject: "Broken kettle",
    content: "The kettle leaks.\nOrder ZE-2026-031842.",
    received_date: "2026-08-30T08:15:00Z",
  });
  assert.deepEqual(email.from, { address: "anna@example.test", name: "Anna Petrova" });
  assert.equal(email.subject, "Broken kettle");
  assert.equal(
    email.text?.replace(/\r\n/g, "\n").trim(),
    "The kettle leaks.\nOrder ZE-2026-031842.",
  );
  assert.equal(email.date, "2026-08-30T08:15:00.000Z");
  assert.match(email.messageId ?? "", /^<manual-[0-9a-z]{20}@inbox-triage\.local>$/);
  const source = email.headers.find((h) => h.key === "x-inbox-triage-source");
  assert.equal(source?.value, "manual");
});

Deno.test("Cyrillic and emoji in name, subject and body survive the round trip", async () => {
  const content = "Здравствуйте! Холодильник привезли с вмятиной 😡\nЁлки-палки, верните деньги.";
  const { email } = await roundTrip({
    customer_email: "ivan@example.test",
    customer_name: "Иван Иванов 🙂",
    subject: "Жалоба: заказ №42 🚚 не доставлен",
    content,
  });
  assert.deepEqual(email.from, { address: "ivan@example.test", name: "Иван Иванов 🙂" });
  assert.equal(email.subject, "Жалоба: заказ №42 🚚 не доставлен");
  assert.equal(email.text?.replace(/\r\n/g, "\n").trim(), content);
});

Deno.test("a long Cyrillic body round-trips exactly", async () => {
  const content = Array.from({ length: 2000 }, (_, i) => `Строка ${i}: всё сломалось`).join("\n");
  const { email } = await roundTrip({ customer_email: "a@example.test", content });
  assert.equal(email.text?.replace(/\r\n/g, "\n").trim(), content);
});

Deno.test("the date is the submission's, in UTC, or now when none is given", async () => {
  const offset = await roundTrip({
    customer_email: "a@example.test",
    content: "x",
    received_date: "2026-09-01T10:20:30+05:00",
  });
  assert.equal(offset.email.date, "2026-09-01T05:20:30.000Z");
  const dateOnly = await roundTrip({
    customer_email: "a@example.test",
    content: "x",
    received_date: "2026-07-15",
  });
  assert.equal(dateOnly.email.date, "2026-07-15T00:00:00.000Z");
  const none = await roundTrip({ customer_email: "a@example.test", content: "x" });
  assert.equal(none.email.date, NOW.toISOString());
});

Deno.test("without a name the sender is the bare address; without a subject it is empty", async () => {
  const { email } = await roundTrip({ customer_email: "solo@example.test", content: "hi" });
  assert.equal(email.from?.address, "solo@example.test");
  assert.ok(!email.from?.name, JSON.stringify(email.from));
  assert.equal(email.subject ?? "", "");
});

Deno.test("CR/LF inside the name or subject cannot inject a header", async () => {
  const { raw, email } = await roundTrip({
    customer_email: "a@example.test",
    customer_name: "Eve\r\nBcc: victim@example.test",
    subject: "hi\r\nX-Injected: yes",
    content: "body",
  });
  const head = new TextDecoder().decode(raw).split("\r\n\r\n")[0];
  assert.ok(!/^bcc:/im.test(head), head);
  assert.ok(!/^x-injected:/im.test(head), head);
  assert.ok(!email.headers.some((h) => h.key === "bcc" || h.key === "x-injected"));
});

Deno.test("the schema refuses unknown fields, a bad email and empty content", () => {
  const ok = { customer_email: "a@example.test", content: "text" };
  assert.equal(manualSubmissionSchema.safeParse(ok).success, true);
  const bad = [
    { ...ok, priority: "critical" },
    { ...ok, customer_email: "not-an-email" },
    { ...ok, customer_email: "a@b.c\r\nBcc: x@y.z" },
    { ...ok, content: "" },
    { ...ok, content: "   \n\t " },
    { customer_email: "a@example.test" },
    { ...ok, received_date: "yesterday" },
  ];
  for (const input of bad) {
    assert.equal(manualSubmissionSchema.safeParse(input).success, false, JSON.stringify(input));
  }
  const unknown = manualSubmissionSchema.safeParse({ ...ok, priority: "critical" });
  assert.ok(!unknown.success && unknown.error.issues.some((i) => i.code === "unrecognized_keys"));
});

Deno.test({
  name: "a display name with a comma, quotes or parentheses keeps the sender's address and name",
  async fn() {
    for (const name of ["Smith, John", 'Ann "The Boss" Lee', "Ann (work)", "a@b <c>"]) {
      const { email } = await roundTrip({
        customer_email: "john@example.test",
        customer_name: name,
        content: "x",
      });
      assert.deepEqual(email.from, { address: "john@example.test", name }, name);
    }
  },
});

Deno.test({
  name: "every line of the composed message stays within 998 characters",
  async fn() {
    const subject = "ж".repeat(998);
    const { raw, email } = await roundTrip({
      customer_email: "a@example.test",
      customer_name: "Ж".repeat(200),
      subject,
      content: "x",
    });
    const longest = Math.max(...new TextDecoder().decode(raw).split("\r\n").map((l) => l.length));
    assert.ok(longest <= 998, `longest line is ${longest} characters`);
    assert.equal(email.subject, subject);
  },
});

Deno.test("attachments travel as multipart files: name, type and bytes survive, the text stays the body", async () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
  const { email } = await roundTrip({
    customer_email: "anna@example.test",
    subject: "Receipt attached",
    content: "See the receipt.",
    attachments: [
      { filename: "чек №1.pdf", content_type: "application/pdf", content: btoa("%PDF-1.4 x") },
      { filename: "raw.bin", content: btoa(String.fromCharCode(...bytes)) },
    ],
  });
  assert.equal(email.text?.trim(), "See the receipt.");
  assert.deepEqual(
    email.attachments.map((a) => [a.filename, a.mimeType]),
    [["чек №1.pdf", "application/pdf"], ["raw.bin", "application/octet-stream"]],
  );
  assert.equal(new TextDecoder().decode(email.attachments[0].content as ArrayBuffer), "%PDF-1.4 x");
  assert.deepEqual(new Uint8Array(email.attachments[1].content as ArrayBuffer), bytes);
});

Deno.test("a hostile file name or content type cannot add a header to the composed mail", async () => {
  const { raw, email } = await roundTrip({
    customer_email: "anna@example.test",
    content: "x",
    attachments: [{
      filename: 'a"\r\nBcc: victim@evil.example\r\n.txt',
      content_type: "text/plain\r\nBcc: victim@evil.example",
      content: btoa("hi"),
    }],
  });
  const text = new TextDecoder().decode(raw);
  assert.doesNotMatch(text, /^Bcc:/im);
  assert.equal(email.bcc, undefined);
  assert.equal(email.attachments[0].mimeType, "application/octet-stream");
  assert.match(email.attachments[0].filename ?? "", /Bcc: victim/);
});

Deno.test("attachments must be base64 and at most 20", () => {
  const base = { customer_email: "a@example.test", content: "x" };
  assert.equal(
    manualSubmissionSchema.safeParse({ ...base, attachments: [{ filename: "a", content: "%%" }] })
      .success,
    false,
  );
  const many = Array.from({ length: 21 }, (_, i) => ({ filename: `f${i}`, content: "aGk=" }));
  assert.equal(manualSubmissionSchema.safeParse({ ...base, attachments: many }).success, false);
});
