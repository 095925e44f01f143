import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { emailWithAttachments } from "../../test/support/mail_builder.ts";
import { InvalidError } from "../errors.ts";
import { newId, sha256Hex } from "../crypto.ts";
import { createLogger } from "../log.ts";
import { Pipeline } from "./pipeline.ts";
import { LocalBlobStore } from "../blobs/local.ts";
import { BLOB_PREFIXES } from "./keys.ts";

const quiet = createLogger("error", () => {});
const bytes = (s: string) => new TextEncoder().encode(s);

async function rawKeys(list: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys = [];
  for await (const info of list) keys.push(info.key);
  return keys;
}

Deno.test("ingest throws InvalidError not_an_email for a body that is not an email, storing nothing", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const pipeline = app.ctx.pipeline;
    for (const body of ["", "just words, no headers", "\x00\x01\x02binary\xff"]) {
      await assert.rejects(pipeline.ingest(bytes(body)), (err) => {
        assert.ok(err instanceof InvalidError, String(err));
        assert.equal(err.code, "not_an_email");
        assert.ok(err.message.length > 0);
        return true;
      });
    }
    assert.deepEqual(await rawKeys(app.ctx.blobs.list("raw/")), []);
    assert.equal((await app.ctx.store.listProcessedEmails({ page: 1, limit: 10 })).total, 0);
  } finally {
    await app.stop();
  }
});

Deno.test("ingest creates once; re-ingest of the same message returns existing with the same id", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const pipeline = app.ctx.pipeline;
    assert.equal(app.ctx.pipeline, pipeline, "one pipeline per context");
    const raw = bytes(sampleEmail({ messageId: "i-1" }));
    const first = await pipeline.ingest(raw);
    assert.equal(first.kind, "created");
    if (first.kind !== "created") return;
    const sha = await sha256Hex(raw);
    assert.equal(first.complaint.rawKey, `raw/${sha.slice(0, 2)}/${sha}.eml`);
    assert.deepEqual(await app.ctx.blobs.get(first.complaint.rawKey), raw);

    const again = await pipeline.ingest(raw);
    assert.equal(again.kind, "existing");
    if (again.kind !== "existing") return;
    assert.equal(again.id, first.complaint.id);
    assert.equal(again.complaint?.id, first.complaint.id);
    // The same message through another relay: other trace headers, other line endings.
    const relayed = bytes(
      `Received: from relay2.example.test by mx.example.test; Mon, 07 Sep 2026 10:01:00 +0500\r\n` +
        `Return-Path: <aida@example.test>\r\n` +
        sampleEmail({ messageId: "i-1" }).replaceAll("\r\n", "\n"),
    );
    const resent = await pipeline.ingest(relayed);
    assert.equal(resent.kind, "existing");
    assert.equal((resent as { id: string }).id, first.complaint.id);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
  } finally {
    await app.stop();
  }
});

Deno.test("concurrent ingests of one message share one result", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const pipeline = app.ctx.pipeline;
    const raw = bytes(sampleEmail({ messageId: "c-1" }));
    const results = await Promise.all([1, 2, 3, 4].map(() => pipeline.ingest(raw)));
    assert.deepEqual(results.map((r) => r.kind).sort(), [
      "created",
      "existing",
      "existing",
      "existing",
    ]);
    const ids = new Set(
      results.map((r) => r.kind === "created" ? r.complaint.id : (r as { id: string }).id),
    );
    assert.equal(ids.size, 1);
    for (const r of results) if (r.kind === "existing") assert.ok(r.complaint, "waited for it");
  } finally {
    await app.stop();
  }
});

Deno.test("ingest of an auto-reply is ignored, and so is its re-ingest", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const pipeline = app.ctx.pipeline;
    const raw = bytes(
      sampleEmail({ messageId: "a-1", extraHeaders: ["Auto-Submitted: auto-replied"] }),
    );
    const first = await pipeline.ingest(raw);
    assert.equal(first.kind, "ignored");
    const again = await pipeline.ingest(raw);
    assert.equal(again.kind, "ignored");
    assert.match((again as { reason: string }).reason, /auto-reply/);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 0);
  } finally {
    await app.stop();
  }
});

Deno.test("{async: true} answers accepted once stored; drain() completes the complaint", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const pipeline = app.ctx.pipeline;
    const raw = bytes(sampleEmail({ messageId: "as-1" }));
    const accepted = await pipeline.ingest(raw, { async: true });
    assert.equal(accepted.kind, "accepted");
    if (accepted.kind !== "accepted") return;
    // The raw is durable before the answer.
    const sha = await sha256Hex(raw);
    assert.ok(await app.ctx.blobs.has(`raw/${sha.slice(0, 2)}/${sha}.eml`));
    await pipeline.drain();
    const complaint = await app.ctx.store.getComplaint(accepted.id);
    assert.equal(complaint?.processing.state, "done");
    assert.ok(complaint?.analysis);
    assert.equal(
      (await app.ctx.store.getProcessedEmail("mid:as-1@example.test"))?.outcome,
      "created",
    );
    const again = await pipeline.ingest(raw, { async: true });
    assert.equal(again.kind, "existing");
    assert.equal((again as { id: string }).id, accepted.id);
  } finally {
    await app.stop();
  }
});

Deno.test("manual source keeps its own key, apart from the same message by email", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const pipeline = app.ctx.pipeline;
    const raw = bytes(sampleEmail({ messageId: "m-1" }));
    const manual = await pipeline.ingest(raw, { source: "manual" });
    assert.equal(manual.kind, "created");
    if (manual.kind !== "created") return;
    assert.equal(manual.complaint.ingestKey, "manual:mid:m-1@example.test");
    assert.equal(manual.complaint.source, "manual");
    assert.ok(await app.ctx.store.getProcessedEmail("manual:mid:m-1@example.test"));
    assert.equal(await app.ctx.store.getProcessedEmail("mid:m-1@example.test"), null);
  } finally {
    await app.stop();
  }
});

Deno.test("retryDue picks up a claim stuck in received for more than 5 minutes", async () => {
  let now = new Date("2026-09-07T10:00:00.000Z");
  const app = await startTestApp({}, { log: quiet, now: () => now });
  try {
    // What a crash between claim and processing leaves: the raw and a "received" claim.
    const raw = bytes(sampleEmail({ messageId: "stuck-1" }));
    const sha256 = await sha256Hex(raw);
    const rawKey = `raw/${sha256.slice(0, 2)}/${sha256}.eml`;
    await app.ctx.blobs.put(rawKey, raw, "message/rfc822");
    const complaintId = newId(now.getTime());
    await app.ctx.store.claimEmail({
      key: "mid:stuck-1@example.test",
      messageId: "stuck-1@example.test",
      sha256,
      rawKey,
      size: raw.length,
      from: "aida@example.test",
      subject: "My order ORD-12345 has not arrived",
      complaintId,
      outcome: "received",
      receivedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    // A fresh pipeline, as after a restart: nothing of this claim is in flight.
    const pipeline = new Pipeline(app.ctx);
    now = new Date("2026-09-07T10:04:59.000Z");
    assert.equal(await pipeline.retryDue(), 0, "not stale yet: it may still be processing");
    assert.equal(await app.ctx.store.getComplaint(complaintId), null);
    now = new Date("2026-09-07T10:05:01.000Z");
    assert.equal(await pipeline.retryDue(), 1);
    const complaint = await app.ctx.store.getComplaint(complaintId);
    assert.equal(complaint?.processing.state, "done");
    assert.equal(complaint?.receivedAt, "2026-09-07T10:00:00.000Z", "the SLA clock keeps receipt");
    assert.equal(
      (await app.ctx.store.getProcessedEmail("mid:stuck-1@example.test"))?.outcome,
      "created",
    );
    assert.equal(await pipeline.retryDue(), 0, "done claims are not retried again");
    await pipeline.drain();
  } finally {
    await app.stop();
  }
});

Deno.test("work answered before it is done is handed to keepAlive (an edge runtime's waitUntil), and only that", async () => {
  const kept: Promise<unknown>[] = [];
  const app = await startTestApp({}, { log: quiet, keepAlive: (work) => kept.push(work) });
  try {
    const pipeline = app.ctx.pipeline;
    const accepted = await pipeline.ingest(bytes(sampleEmail({ messageId: "keep-1" })), {
      async: true,
    });
    assert.equal(accepted.kind, "accepted");
    assert.equal(kept.length, 1);
    await Promise.all(kept);
    const id = accepted.kind === "accepted" ? accepted.id : "";
    assert.equal((await app.ctx.store.getComplaint(id))?.processing.state, "done");

    await pipeline.ingest(bytes(sampleEmail({ messageId: "keep-2" })));
    assert.equal(kept.length, 1, "work the answer waited for needs no keeping alive");
  } finally {
    await app.stop();
  }
});

/** A mail from `from` with one random attachment of `size` bytes (base64, so the raw is larger). */
function mailWithAttachment(from: string, size: number): string {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return emailWithAttachments({
    from,
    subject: "Photo of the broken kettle",
    body: "The kettle I bought arrived broken, see the attachment.",
    attachments: [{ filename: "photo.bin", contentType: "application/octet-stream", bytes }],
  });
}

Deno.test("large emails are processed PROCESS_LARGE_CONCURRENCY at a time, and small ones beside them", async () => {
  // Storing an attachment is part of processing: held there, it shows how many emails of each
  // size are in processing at once.
  const inFlight = { large: 0, small: 0 };
  const peak = { large: 0, small: 0 };
  let smallBesideLarge = 0; // small attachments stored while a large one was held
  const dir = await Deno.makeTempDir();
  class SlowAttachments extends LocalBlobStore {
    override async put(key: string, data: Uint8Array, type?: string): Promise<void> {
      if (!key.startsWith(BLOB_PREFIXES.attachment)) return super.put(key, data, type);
      const kind = data.length >= 512 * 1024 ? "large" : "small";
      inFlight[kind]++;
      peak[kind] = Math.max(peak[kind], inFlight[kind]);
      if (kind === "small" && inFlight.large > 0) smallBesideLarge++;
      // A large one is held until another large one joins it, or for a second.
      const until = Date.now() + (kind === "large" ? 1000 : 150);
      while (Date.now() < until && !(kind === "large" && peak.large > 1)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      inFlight[kind]--;
      return super.put(key, data, type);
    }
  }
  const app = await startTestApp({ PROCESS_CONCURRENCY: "4", PROCESS_LARGE_CONCURRENCY: "1" }, {
    blobs: new SlowAttachments(dir),
  });
  try {
    const large = Array.from(
      { length: 3 },
      (_, i) => app.ingest(mailWithAttachment(`Big ${i} <big${i}@example.test>`, 1024 * 1024)),
    );
    const small = Array.from(
      { length: 3 },
      (_, i) => app.ingest(mailWithAttachment(`Small ${i} <small${i}@example.test>`, 2048)),
    );
    for (const res of await Promise.all([...large, ...small])) {
      assert.equal(res.status, 201, await res.text());
    }
    assert.equal(peak.large, 1, "large emails in processing at once");
    assert.ok(peak.small >= 2, `small emails in processing at once: ${peak.small}`);
    assert.ok(smallBesideLarge > 0, "no small email was processed beside a large one");
  } finally {
    await app.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("mails posted at once past PROCESS_CONCURRENCY, parsed while their raws are written or after, each become their own complaint", async () => {
  const dir = await Deno.makeTempDir();
  // Raw writes held a while, so early parses pile up past their bound.
  class SlowRaws extends LocalBlobStore {
    override async put(key: string, data: Uint8Array, type?: string): Promise<void> {
      if (key.startsWith(BLOB_PREFIXES.raw)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return super.put(key, data, type);
    }
  }
  const app = await startTestApp({ PROCESS_CONCURRENCY: "2" }, { blobs: new SlowRaws(dir) });
  try {
    const subjects = Array.from({ length: 8 }, (_, i) => `Kettle number ${i} leaks`);
    const answers = await Promise.all(
      subjects.map((subject, i) =>
        app.ingest(sampleEmail({ messageId: `early-${i}`, subject, body: subject }))
      ),
    );
    const ids: string[] = [];
    for (const [i, res] of answers.entries()) {
      assert.equal(res.status, 201);
      const { id } = await res.json();
      assert.equal((await app.ctx.store.getComplaint(id))?.subject, subjects[i]);
      ids.push(id);
    }
    // Resends are answered from what is stored, whether parsed early or not.
    const resends = await Promise.all(
      subjects.map((subject, i) =>
        app.ingest(sampleEmail({ messageId: `early-${i}`, subject, body: subject }))
      ),
    );
    for (const [i, res] of resends.entries()) {
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.existing, true);
      assert.equal(body.id, ids[i], "the first post's complaint");
    }
  } finally {
    await app.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
