import assert from "node:assert/strict";
import { FlakyAnalyzer } from "../../test/support/flaky_analyzer.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import type { AppContext } from "../ports.ts";
import { newId, sha256Hex } from "../crypto.ts";
import { KeyedMutex } from "../keyed_mutex.ts";
import { createLogger } from "../log.ts";
import { scanHeaders } from "../mime/validate.ts";
import type { ProcessedEmail } from "../schema/complaint.ts";
import { processClaim } from "./process.ts";

const quiet = createLogger("error", () => {});

/** Store the raw and claim it the way the receive stage (lib/pipeline/pipeline.ts) does. */
async function claim(ctx: AppContext, text: string): Promise<ProcessedEmail> {
  const raw = new TextEncoder().encode(text);
  const sha256 = await sha256Hex(raw);
  const rawKey = `raw/${sha256.slice(0, 2)}/${sha256}.eml`;
  await ctx.blobs.put(rawKey, raw, "message/rfc822");
  const head = scanHeaders(raw);
  const messageId = head.messageId?.trim() || undefined;
  const now = ctx.now().toISOString();
  const { record, created } = await ctx.store.claimEmail({
    key: messageId ? `mid:${messageId}` : `sha:${sha256}`,
    messageId,
    sha256,
    rawKey,
    size: raw.length,
    from: (head.from ?? "").toLowerCase(),
    subject: head.subject ?? "",
    complaintId: newId(ctx.now().getTime()),
    outcome: "received",
    receivedAt: now,
    updatedAt: now,
  });
  assert.ok(created);
  return record;
}

Deno.test("processClaim turns a claimed raw email into a complaint with its analysis", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const record = await claim(app.ctx, sampleEmail({ messageId: "p-1" }));
    // No raw passed: processClaim reads it back from the blob store.
    const out = await processClaim(app.ctx, record, { locks: new KeyedMutex() });
    assert.equal(out.kind, "created");
    if (out.kind !== "created") return;
    const c = out.complaint;
    assert.equal(c.id, record.complaintId);
    assert.equal(c.messageId, "p-1@example.test");
    assert.equal(c.ingestKey, "mid:p-1@example.test");
    assert.equal(c.rawKey, record.rawKey);
    assert.equal(c.customer.email, "aida@example.test");
    assert.equal(c.subject, "My order ORD-12345 has not arrived");
    assert.match(c.description, /still has not been delivered/);
    assert.equal(c.processing.state, "done");
    assert.equal(c.processing.attempts, 1);
    assert.equal(c.analysis?.analyzer, "local");
    assert.ok(c.analysis?.summary);
    assert.ok(c.entities.orderNumbers.includes("ORD-12345"), JSON.stringify(c.entities));
    assert.ok(c.team.length > 0);
    assert.ok(c.slaDueAt && c.slaDueAt > c.receivedAt);
    assert.ok(c.ref.length > 0);
    assert.deepEqual(c.history.map((h) => h.action), ["created"]);
    const stored = await app.ctx.store.getComplaint(c.id);
    assert.equal(stored?.subject, c.subject);
    assert.equal(stored?.category, c.category);
    // The notify stage ran after the save: one "new" alert, sent through the log notifier.
    assert.deepEqual(stored?.alerts?.map((a) => [a.kind, a.state]), [["new", "sent"]]);
    const processed = await app.ctx.store.getProcessedEmail(record.key);
    assert.equal(processed?.outcome, "created");
    assert.equal(processed?.complaintId, c.id);
  } finally {
    await app.stop();
  }
});

Deno.test("processClaim ignores an auto-reply: no complaint, outcome ignored", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const record = await claim(
      app.ctx,
      sampleEmail({
        messageId: "ooo-1",
        subject: "Re: your complaint",
        extraHeaders: ["Auto-Submitted: auto-replied"],
      }),
    );
    const out = await processClaim(app.ctx, record, { locks: new KeyedMutex() });
    assert.equal(out.kind, "ignored");
    assert.match((out as { reason: string }).reason, /auto-reply/);
    assert.equal(await app.ctx.store.getComplaint(record.complaintId!), null);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 0);
    const processed = await app.ctx.store.getProcessedEmail(record.key);
    assert.equal(processed?.outcome, "ignored");
    assert.equal(processed?.complaintId, null);
    assert.match(processed?.reason ?? "", /Auto-Submitted/);
  } finally {
    await app.stop();
  }
});

Deno.test("processClaim threads a reply whose In-Reply-To names an earlier claimed message", async () => {
  const app = await startTestApp({}, { log: quiet });
  const locks = new KeyedMutex();
  try {
    const first = await claim(app.ctx, sampleEmail({ messageId: "orig-1" }));
    const created = await processClaim(app.ctx, first, { locks });
    assert.equal(created.kind, "created");
    const reply = await claim(
      app.ctx,
      sampleEmail({
        messageId: "reply-1",
        subject: "Re: My order ORD-12345 has not arrived",
        body: "Any news? It is still not here.",
        extraHeaders: ["In-Reply-To: <orig-1@example.test>"],
      }),
    );
    const out = await processClaim(app.ctx, reply, { locks });
    assert.equal(out.kind, "threaded");
    if (out.kind !== "threaded") return;
    assert.equal(out.complaint.id, first.complaintId);
    assert.deepEqual(out.complaint.messages.map((m) => m.messageId), ["reply-1@example.test"]);
    assert.match(out.complaint.messages[0].text, /Any news/);
    assert.ok(out.complaint.history.some((h) => h.action === "reply_received"));
    assert.equal(await app.ctx.store.getComplaint(reply.complaintId!), null, "no new complaint");
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
    const processed = await app.ctx.store.getProcessedEmail(reply.key);
    assert.equal(processed?.outcome, "threaded");
    assert.equal(processed?.complaintId, first.complaintId);
  } finally {
    await app.stop();
  }
});

Deno.test("processClaim marks a resend of the same complaint as a duplicate of the original", async () => {
  const app = await startTestApp({}, { log: quiet });
  const locks = new KeyedMutex();
  try {
    const a = await processClaim(app.ctx, await claim(app.ctx, sampleEmail({ messageId: "d-1" })), {
      locks,
    });
    const b = await processClaim(app.ctx, await claim(app.ctx, sampleEmail({ messageId: "d-2" })), {
      locks,
    });
    assert.equal(a.kind, "created");
    assert.equal(b.kind, "duplicate");
    if (a.kind !== "created" || b.kind !== "duplicate") return;
    assert.equal(b.complaint.duplicateOf, a.complaint.id);
    assert.equal(b.complaint.status, "duplicate");
    assert.deepEqual((await app.ctx.store.getComplaint(a.complaint.id))?.relatedComplaints, [
      b.complaint.id,
    ]);
    assert.equal(
      (await app.ctx.store.getProcessedEmail("mid:d-2@example.test"))?.outcome,
      "duplicate",
    );
  } finally {
    await app.stop();
  }
});

Deno.test("processClaim never throws for a failing stage: a failed complaint, then a retry completes it", async () => {
  let now = new Date("2026-09-07T10:00:00.000Z");
  const app = await startTestApp({}, {
    log: quiet,
    analyzer: new FlakyAnalyzer(1),
    now: () => now,
  });
  const locks = new KeyedMutex();
  try {
    const record = await claim(app.ctx, sampleEmail({ messageId: "f-1" }));
    const failed = await processClaim(app.ctx, record, { locks });
    assert.equal(failed.kind, "created");
    const c = (failed as { complaint: { processing: Record<string, unknown>; id: string } })
      .complaint;
    assert.equal(c.processing.state, "failed");
    assert.equal(c.processing.lastError, "analyzer outage");
    assert.equal(c.processing.nextAttemptAt, "2026-09-07T10:01:00.000Z");
    assert.equal((await app.ctx.store.getProcessedEmail(record.key))?.outcome, "failed");

    now = new Date("2026-09-07T10:05:00.000Z");
    const again = await processClaim(app.ctx, record, { locks });
    assert.equal(again.kind, "created");
    const done = await app.ctx.store.getComplaint(c.id);
    assert.equal(done?.processing.state, "done");
    assert.equal(done?.processing.attempts, 2);
    assert.equal(
      done?.analysis?.analyzer,
      "flaky" === done?.analysis?.analyzer ? "flaky" : "local",
    );
    assert.deepEqual(done?.history.map((h) => h.action), ["processing_failed", "reprocessed"]);
    assert.equal((await app.ctx.store.getProcessedEmail(record.key))?.outcome, "created");
  } finally {
    await app.stop();
  }
});

Deno.test("processClaim refuses a claim whose raw is missing from the blob store", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const record = await claim(app.ctx, sampleEmail({ messageId: "gone-1" }));
    await app.ctx.blobs.delete(record.rawKey);
    await assert.rejects(
      processClaim(app.ctx, record, { locks: new KeyedMutex() }),
      /missing from the blob store/,
    );
    assert.equal(await app.ctx.store.getComplaint(record.complaintId!), null);
  } finally {
    await app.stop();
  }
});
