import assert from "node:assert/strict";
import { bouncedMessageIds, classifyAutomated } from "./automated.ts";
import { parseEmail } from "../mime/parse.ts";
import { sampleEmail } from "../../test/support/app.ts";

const enc = new TextEncoder();

function parse(raw: string) {
  return parseEmail(enc.encode(raw));
}

/** A delivery-status report from MAILER-DAEMON returning the headers of one of our sends. */
function bounceReport(opts: {
  originalMessageId: string;
  from?: string;
  returned?: "headers" | "message";
}): string {
  const boundary = `rep-${crypto.randomUUID()}`;
  const returnedType = opts.returned === "message" ? "message/rfc822" : "text/rfc822-headers";
  return [
    `From: ${opts.from ?? "Mail Delivery System <MAILER-DAEMON@mx.example.test>"}`,
    "To: support@example.test",
    "Subject: Undelivered Mail Returned to Sender",
    "Date: Mon, 07 Sep 2026 10:05:00 +0500",
    `Message-ID: <${crypto.randomUUID()}@mx.example.test>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "This is the mail system. Your message could not be delivered to one or more recipients.",
    "<gone@customer.test>: host mx.customer.test said: 550 5.1.1 User unknown",
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.test",
    "",
    "Final-Recipient: rfc822; gone@customer.test",
    "Action: failed",
    "Status: 5.1.1",
    "",
    `--${boundary}`,
    `Content-Type: ${returnedType}`,
    "",
    "From: support@example.test",
    "To: gone@customer.test",
    "Subject: Re: My order has not arrived",
    `Message-ID: <${opts.originalMessageId}>`,
    "",
    ...(opts.returned === "message" ? ["We are looking into your order.", ""] : []),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

Deno.test("an ordinary customer email is not automated", async () => {
  assert.equal(classifyAutomated(await parse(sampleEmail())), null);
  const noAuto = sampleEmail({ extraHeaders: ["Auto-Submitted: no"] });
  assert.equal(classifyAutomated(await parse(noAuto)), null, "Auto-Submitted: no is a person");
});

Deno.test("Auto-Submitted other than no marks an auto-reply and names the value", async () => {
  for (const value of ["auto-replied", "auto-generated", "Auto-Replied"]) {
    const result = classifyAutomated(
      await parse(sampleEmail({ extraHeaders: [`Auto-Submitted: ${value}`] })),
    );
    assert.equal(result?.kind, "auto-reply", value);
    assert.match(result!.reason, new RegExp(value, "i"));
  }
});

Deno.test("X-Autoreply, X-Autorespond and X-Auto-Response-Suppress mark auto-replies", async () => {
  for (const header of ["X-Autoreply: yes", "X-Autorespond: 1", "X-Auto-Response-Suppress: All"]) {
    const result = classifyAutomated(await parse(sampleEmail({ extraHeaders: [header] })));
    assert.equal(result?.kind, "auto-reply", header);
    assert.match(result!.reason, new RegExp(header.split(":")[0], "i"));
  }
});

Deno.test("out-of-office subjects in English and Russian mark auto-replies without headers", async () => {
  for (
    const subject of [
      "Out of Office: Re: My order",
      "Automatic reply: Order ZE-2026-031842",
      "Auto-Reply: your message",
      "I am on vacation until 14 October",
      "Автоответ: Re: Заказ не доставлен",
      "Автоматический ответ: Заказ ZE-2026-031842",
      "Я в отпуске до 14 октября",
    ]
  ) {
    const result = classifyAutomated(await parse(sampleEmail({ subject })));
    assert.equal(result?.kind, "auto-reply", subject);
    assert.match(result!.reason, /out-of-office/);
  }
});

Deno.test("complaints whose subject merely mentions an office or a reply are not auto-replies", async () => {
  for (
    const subject of [
      "Your office chair arrived broken",
      "No reply from support for 4 days",
      "Re: Заказ не доставлен",
      "Я не получил ответ",
    ]
  ) {
    assert.equal(classifyAutomated(await parse(sampleEmail({ subject }))), null, subject);
  }
});

Deno.test("Precedence bulk, junk and list, List-Id and List-Unsubscribe mark bulk mail", async () => {
  const cases: [string, RegExp][] = [
    ["Precedence: bulk", /Precedence: bulk/],
    ["Precedence: junk", /Precedence: junk/],
    ["Precedence: list", /Precedence: list/],
    ["List-Id: <news.shop.example.test>", /List-Id/],
    ["List-Unsubscribe: <mailto:unsub@shop.example.test>", /List-Unsubscribe/],
  ];
  for (const [header, reason] of cases) {
    const result = classifyAutomated(await parse(sampleEmail({ extraHeaders: [header] })));
    assert.equal(result?.kind, "bulk", header);
    assert.match(result!.reason, reason);
  }
  const firstClass = sampleEmail({ extraHeaders: ["Precedence: first-class"] });
  assert.equal(classifyAutomated(await parse(firstClass)), null);
});

Deno.test("a multipart/report delivery-status is a bounce", async () => {
  const result = classifyAutomated(await parse(bounceReport({ originalMessageId: "x@our" })));
  assert.equal(result?.kind, "bounce");
  assert.match(result!.reason, /^bounce/);
});

Deno.test("plain-text bounces from MAILER-DAEMON or postmaster are bounces too", async () => {
  for (const from of ["MAILER-DAEMON@mx.example.test", "postmaster@mail.example.test"]) {
    const result = classifyAutomated(
      await parse(sampleEmail({ from, subject: "Delivery Status Notification (Failure)" })),
    );
    assert.equal(result?.kind, "bounce", from);
  }
});

Deno.test("a bounce names the Message-ID from its returned headers, not its own", async () => {
  for (const returned of ["headers", "message"] as const) {
    const email = await parse(bounceReport({ originalMessageId: "orig-1@shop.test", returned }));
    assert.deepEqual(bouncedMessageIds(email), ["orig-1@shop.test"], returned);
  }
});

Deno.test("a message that quotes no headers names no bounced ids", async () => {
  assert.deepEqual(bouncedMessageIds(await parse(sampleEmail())), []);
});
