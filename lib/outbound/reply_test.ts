import assert from "node:assert/strict";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { startMailpit } from "../../test/harness/mailpit.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";
import { freePort } from "../../test/harness/free_port.ts";
import { until } from "../../test/support/wait.ts";
import { createLogger } from "../log.ts";
import { runJobsOnce } from "../jobs.ts";
import { SmtpMailer } from "../mail/smtp.ts";
import type { Complaint } from "../schema/complaint.ts";
import { outboundMessages, sendReply } from "./reply.ts";
import { startFerret } from "../../test/harness/ferretdb.ts";

const quiet = createLogger("error", () => {});
const noMailpit = skipUnless("mailpit", !!findBinary("mailpit"));
const HOSTILE = new URL("../../../shared/hostile/", import.meta.url);

/** Ingest a customer's mail through the real ingest function and return its complaint. */
async function ingestComplaint(app: TestApp, raw: string): Promise<Complaint> {
  const res = await app.ingest(raw);
  const body = await res.json();
  assert.ok(res.status < 300, JSON.stringify(body));
  let complaint: Complaint | null = null;
  await until(
    async () => {
      complaint = await app.ctx.store.getComplaint(body.id);
      return complaint?.processing.state === "done";
    },
    10_000,
    "the complaint",
  );
  return complaint!;
}

Deno.test({
  name:
    "reply → customer's answer: threading headers at a real SMTP server, waiting, then back to in_progress",
  ignore: noMailpit,
  fn: async () => {
    const mp = await startMailpit();
    const app = await startTestApp({ SMTP_URL: mp.smtpUrl, SUPPORT_FROM: "help@shop.example" }, {
      log: quiet,
    });
    try {
      const complaint = await ingestComplaint(app, sampleEmail({ messageId: "cust-1" }));
      const reply = await sendReply(app.ctx, app.ctx.pipeline.locks, complaint.id, {
        text: "Your parcel leaves our warehouse today.",
        by: "agent@shop.example",
      });
      assert.equal(reply.state, "sent");
      assert.match(reply.messageId, /@shop\.example$/);
      const [m] = await mp.waitFor(1);
      assert.equal(m.MessageID, reply.messageId);
      assert.equal(m.Subject, `Re: My order ORD-12345 has not arrived [#${complaint.ref}]`);
      assert.equal(m.From.Address, "help@shop.example");
      assert.deepEqual(m.To.map((t) => t.Address), ["aida@example.test"]);
      const h = await mp.headers(m.ID);
      assert.deepEqual(h["In-Reply-To"], ["<cust-1@example.test>"]);
      assert.deepEqual(h["References"], ["<cust-1@example.test>"]);

      let stored = (await app.ctx.store.getComplaint(complaint.id))!;
      assert.equal(stored.status, "waiting");
      assert.deepEqual(
        outboundMessages(stored).map((x) => [x.messageId, x.state, x.by]),
        [[reply.messageId, "sent", "agent@shop.example"]],
      );

      // The customer answers our mail: their client sets In-Reply-To to our Message-ID.
      const res = await app.ingest(sampleEmail({
        messageId: "cust-2",
        subject: "Re: My order", // no [#REF]: only our Message-ID can join it
        body: "Thanks, but which courier?",
        extraHeaders: [`In-Reply-To: <${reply.messageId}>`],
      }));
      assert.ok(res.status < 300);
      await res.body?.cancel();
      await until(
        async () => {
          stored = (await app.ctx.store.getComplaint(complaint.id))!;
          return stored.messages.length === 2;
        },
        10_000,
        "the answer on the thread",
      );
      assert.equal(stored.messages[1].direction, "inbound");
      assert.equal(stored.messages[1].messageId, "cust-2@example.test");
      assert.equal(stored.status, "in_progress");
      assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);

      // A second reply answers the customer's newest message and carries the whole thread.
      const second = await sendReply(app.ctx, app.ctx.pipeline.locks, complaint.id, {
        text: "DHL.",
        by: "agent@shop.example",
      });
      const list = await mp.waitFor(2);
      const h2 = await mp.headers(list.find((x) => x.MessageID === second.messageId)!.ID);
      assert.deepEqual(h2["In-Reply-To"], ["<cust-2@example.test>"]);
      assert.deepEqual(h2["References"], [
        `<cust-1@example.test> <${reply.messageId}> <cust-2@example.test>`,
      ]);
    } finally {
      await app.stop();
      await mp.stop();
    }
  },
});

Deno.test("without SMTP a reply is kept as an .eml in the outbox and shown as not sent", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const complaint = await ingestComplaint(app, sampleEmail({ messageId: "ob-1" }));
    const reply = await sendReply(app.ctx, app.ctx.pipeline.locks, complaint.id, {
      text: "We are on it.",
      by: "agent@example.com",
    });
    assert.equal(reply.state, "outbox");
    const stored = (await app.ctx.store.getComplaint(complaint.id))!;
    assert.equal(stored.status, "waiting");
    assert.equal(stored.outboundRetryAt, undefined, "nothing left to retry");
    const entry = stored.history.find((h) => h.action === "reply_not_sent");
    assert.equal(entry?.details.reason, "no SMTP configured");
    const raw = await app.ctx.blobs.get(String(entry?.details.outbox));
    assert.match(new TextDecoder().decode(raw!), new RegExp(`Message-ID: <${reply.messageId}>`));
  } finally {
    await app.stop();
  }
});

Deno.test({
  name: "a failed send is kept with its error and the job sends it once the server is back",
  ignore: noMailpit,
  fn: async () => {
    const mp = await startMailpit();
    const app = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${freePort()}` }, { log: quiet });
    try {
      const complaint = await ingestComplaint(app, sampleEmail({ messageId: "fail-1" }));
      const reply = await sendReply(app.ctx, app.ctx.pipeline.locks, complaint.id, {
        text: "Sorry for the wait.",
        by: "agent@example.com",
      });
      assert.equal(reply.state, "failed");
      assert.equal(reply.attempts, 1);
      assert.match(reply.lastError ?? "", /ECONNREFUSED|connect/i);
      let stored = (await app.ctx.store.getComplaint(complaint.id))!;
      assert.equal(stored.status, "waiting");
      assert.equal(stored.outboundRetryAt, reply.nextAttemptAt);

      // Not due yet: the job leaves it alone.
      const started = app.ctx.now();
      app.ctx.mailer = new SmtpMailer({ url: mp.smtpUrl });
      assert.equal((await runJobsOnce(app.ctx)).repliesRetried, 0);
      assert.equal((await mp.messages()).length, 0);

      // Past the back-off (one minute after the first failure) it is sent, once.
      app.ctx.now = () => new Date(started.getTime() + 61_000);
      assert.equal((await runJobsOnce(app.ctx)).repliesRetried, 1);
      const [m] = await mp.waitFor(1);
      assert.equal(m.MessageID, reply.messageId);
      stored = (await app.ctx.store.getComplaint(complaint.id))!;
      const [out] = outboundMessages(stored);
      assert.equal(out.state, "sent");
      assert.equal(out.attempts, 2);
      assert.equal(out.lastError, undefined);
      assert.equal(stored.outboundRetryAt, undefined);
      assert.equal((await runJobsOnce(app.ctx)).repliesRetried, 0, "never sent twice");
    } finally {
      await app.stop();
      await mp.stop();
    }
  },
});

Deno.test({
  name: "hostile subjects and reply texts stay inert in the outbound mail (no injected headers)",
  ignore: noMailpit,
  fn: async () => {
    const mp = await startMailpit();
    const app = await startTestApp({ SMTP_URL: mp.smtpUrl }, { log: quiet });
    try {
      // An encoded-word decodes to CR/LF: the parsed subject carries a would-be Bcc header.
      const evil = btoa("Refund\r\nBcc: victim@evil.example\r\nX-Injected: yes");
      const complaint = await ingestComplaint(
        app,
        sampleEmail({ messageId: "evil-1", subject: `=?utf-8?B?${evil}?=` }),
      );
      assert.match(complaint.subject, /Bcc: victim@evil\.example/, "the hostile subject got in");
      const blns: string[] = JSON.parse(
        await Deno.readTextFile(new URL("blns/blns.json", HOSTILE)),
      );
      const text = [
        "Dear customer,",
        "\r\n.\r\nMAIL FROM:<x@evil.example>\r\nRCPT TO:<victim@evil.example>\r\nDATA",
        "Bcc: victim@evil.example",
        ...blns.slice(0, 200),
      ].join("\n");
      const reply = await sendReply(app.ctx, app.ctx.pipeline.locks, complaint.id, {
        text,
        by: "agent@example.com",
      });
      assert.equal(reply.state, "sent");
      assert.ok(!/[\r\n]/.test(reply.subject), reply.subject);
      const list = await mp.waitFor(1);
      await new Promise((r) => setTimeout(r, 300)); // nothing else arrives (no smuggled message)
      assert.equal((await mp.messages()).length, 1);
      const [m] = list;
      assert.deepEqual(m.To.map((t) => t.Address), ["aida@example.test"]);
      const h = await mp.headers(m.ID);
      assert.equal(h["Bcc"], undefined);
      assert.equal(h["X-Injected"], undefined);
      const full = await mp.message(m.ID) as { Bcc?: unknown[]; Text: string };
      assert.ok(!full.Bcc || full.Bcc.length === 0);
      assert.ok(full.Text.includes("MAIL FROM:<x@evil.example>"), "the text arrives as text");
    } finally {
      await app.stop();
      await mp.stop();
    }
  },
});

Deno.test("a copy of our own reply coming back through ingest joins nothing and creates nothing", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const complaint = await ingestComplaint(app, sampleEmail({ messageId: "echo-1" }));
    // The outbox copy is rendered after the claimed one; a second between them (a slow machine,
    // a retry) must not make them two messages. A file makes it multipart (boundaries).
    const mailer = app.ctx.mailer;
    app.ctx.mailer = {
      name: mailer.name,
      send: async (mail) => {
        await new Promise((resolve) => setTimeout(resolve, 1100));
        return await mailer.send(mail);
      },
      close: () => mailer.close(),
    };
    const reply = await sendReply(app.ctx, app.ctx.pipeline.locks, complaint.id, {
      text: "We are on it.",
      by: "agent@example.com",
      attachments: [{
        filename: "label.txt",
        contentType: "text/plain",
        content: new TextEncoder().encode("Return label"),
      }],
    });
    const entry = (await app.ctx.store.getComplaint(complaint.id))!.history
      .find((h) => h.action === "reply_not_sent");
    const sent = new TextDecoder().decode(
      (await app.ctx.blobs.get(String(entry?.details.outbox)))!,
    );
    // The mailbox's copy: the same message with a trace header added on the way.
    const res = await app.ingest(
      `Received: from mx.example.test; Mon, 7 Sep 2026 10:00:00 +0000\r\n${sent}`,
    );
    assert.ok(res.status < 300, `${res.status}`);
    await res.body?.cancel();
    await app.ctx.pipeline.drain();
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
    const stored = (await app.ctx.store.getComplaint(complaint.id))!;
    assert.deepEqual(stored.messages.map((m) => m.messageId), [reply.messageId]);
  } finally {
    await app.stop();
  }
});

Deno.test({
  name: "on MongoDB (FerretDB) a failed reply is kept, listed for the retry and sent by the job",
  ignore: noMailpit || skipUnless("ferretdb", !!findBinary("ferretdb")),
  fn: async () => {
    const ferret = await startFerret();
    const mp = await startMailpit();
    const app = await startTestApp({
      MONGODB_URI: ferret.uri,
      MONGODB_DB: `reply_${crypto.randomUUID().replaceAll("-", "")}`,
      SMTP_URL: `smtp://127.0.0.1:${freePort()}`,
    }, { log: quiet });
    try {
      const complaint = await ingestComplaint(app, sampleEmail({ messageId: "mongo-1" }));
      const reply = await sendReply(app.ctx, app.ctx.pipeline.locks, complaint.id, {
        text: "Stored in Mongo.",
        by: "agent@example.com",
      });
      assert.equal(reply.state, "failed");
      const stored = (await app.ctx.store.getComplaint(complaint.id))!;
      assert.equal(stored.status, "waiting");
      assert.equal(outboundMessages(stored)[0].lastError, reply.lastError);
      app.ctx.mailer = new SmtpMailer({ url: mp.smtpUrl });
      const later = new Date(Date.parse(reply.nextAttemptAt!) + 1000);
      app.ctx.now = () => later;
      assert.equal((await runJobsOnce(app.ctx)).repliesRetried, 1);
      const [m] = await mp.waitFor(1);
      assert.equal(m.MessageID, reply.messageId);
      // The answer threads through the claim of our id in the Mongo store.
      const res = await app.ingest(sampleEmail({
        messageId: "mongo-2",
        subject: "Re: thanks",
        body: "Got it, thanks.",
        extraHeaders: [`In-Reply-To: <${reply.messageId}>`],
      }));
      await res.body?.cancel();
      await until(
        async () => (await app.ctx.store.getComplaint(complaint.id))!.status === "in_progress",
        10_000,
        "the answer",
      );
    } finally {
      await app.stop();
      await mp.stop();
      await ferret.stop();
    }
  },
});
