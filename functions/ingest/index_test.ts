import assert from "node:assert/strict";
import { until } from "../../test/support/wait.ts";
import { FlakyAnalyzer } from "../../test/support/flaky_analyzer.ts";
import { GatedAnalyzer } from "../../test/support/gated_analyzer.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import type { Complaint } from "../../lib/schema/complaint.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { LocalAnalyzer } from "../../lib/analyze/local/analyzer.ts";

Deno.test("ingest refuses a missing or wrong token with 401 JSON", async () => {
  const app = await startTestApp();
  try {
    for (const auth of [undefined, "Bearer wrong", "Basic abc"]) {
      const res = await fetch(`${app.url}/functions/v1/ingest`, {
        method: "POST",
        headers: { "content-type": "message/rfc822", ...(auth ? { authorization: auth } : {}) },
        body: sampleEmail(),
      });
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.code, "unauthorized");
    }
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 0);
  } finally {
    await app.stop();
  }
});

Deno.test("ingest answers 413 over INGEST_MAX_BYTES, declared or streamed", async () => {
  const app = await startTestApp({ INGEST_MAX_BYTES: "2000" });
  try {
    const big = sampleEmail({ body: "x".repeat(5000) });
    const declared = await app.ingest(big);
    assert.equal(declared.status, 413);
    assert.equal((await declared.json()).error.code, "payload_too_large");
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 500) c.enqueue(bytes.slice(i, i + 500));
        c.close();
      },
    });
    const streamed = await fetch(`${app.url}/functions/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${app.ingestToken}`, "content-type": "message/rfc822" },
      body: stream,
    });
    assert.equal(streamed.status, 413);
    await streamed.body?.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("ingest answers 422 with a reason for empty and non-email bodies, 415 for JSON", async () => {
  const app = await startTestApp();
  try {
    const empty = await app.ingest("");
    assert.equal(empty.status, 422);
    assert.match((await empty.json()).error.message, /empty/i);
    for (const body of ["just some words without headers", "\x00\x01\x02\x03binary\xff"]) {
      const res = await app.ingest(body);
      assert.equal(res.status, 422);
      const json = await res.json();
      assert.equal(json.error.code, "not_an_email");
      assert.ok(json.error.message.length > 5);
    }
    const json = await app.ingest('{"subject":"x"}', { "content-type": "application/json" });
    assert.equal(json.status, 415);
    await json.body?.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("ingest creates a complaint (201), stores the raw by SHA-256, and the API returns it", async () => {
  const app = await startTestApp();
  try {
    const raw = sampleEmail();
    const res = await app.ingest(raw);
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.ok(body.id);
    assert.ok(
      ["returns", "delivery", "quality", "technical", "billing", "other"].includes(body.category),
    );
    assert.ok(["low", "medium", "high", "critical"].includes(body.priority));
    assert.equal(body.status, "new");
    const got = await app.api(`/complaints/${body.id}`);
    const complaint = await got.json() as Complaint;
    assert.equal(complaint.customer.email, "aida@example.test");
    assert.equal(complaint.customer.name, "Aida Customer");
    assert.equal(complaint.subject, "My order ORD-12345 has not arrived");
    assert.match(complaint.description, /still has not been delivered/);
    const sha = await sha256Hex(new TextEncoder().encode(raw));
    assert.equal(complaint.rawKey, `raw/${sha.slice(0, 2)}/${sha}.eml`);
    const stored = await app.ctx.blobs.get(complaint.rawKey);
    assert.equal(new TextDecoder().decode(stored!), raw);
    const processed = await (await app.api("/processed-emails")).json();
    assert.equal(processed.total, 1);
    assert.equal(processed.items[0].outcome, "created");
    assert.equal(processed.items[0].complaintId, body.id);
  } finally {
    await app.stop();
  }
});

Deno.test("ingest is idempotent: the same message again returns 200 with the existing id", async () => {
  const app = await startTestApp();
  try {
    const first = await (await app.ingest(sampleEmail({ messageId: "same-1" }))).json();
    const again = await app.ingest(
      sampleEmail({ messageId: "same-1", extraHeaders: ["X-Relay: second-hop"] }),
    );
    assert.equal(again.status, 200);
    assert.equal((await again.json()).id, first.id);
    const noId = sampleEmail({ messageId: "" });
    const a = await app.ingest(noId);
    const b = await app.ingest(noId);
    assert.equal(a.status, 201);
    assert.equal(b.status, 200);
    assert.equal((await a.json()).id, (await b.json()).id);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 2);
  } finally {
    await app.stop();
  }
});

Deno.test("ten concurrent posts of one message make one complaint, all answering its id", async () => {
  const app = await startTestApp();
  try {
    const raw = sampleEmail({ messageId: "concurrent-1" });
    const responses = await Promise.all(Array.from({ length: 10 }, () => app.ingest(raw)));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    assert.deepEqual(responses.map((r) => r.status).sort(), [
      200,
      200,
      200,
      200,
      200,
      200,
      200,
      200,
      200,
      201,
    ]);
    assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
  } finally {
    await app.stop();
  }
});

Deno.test("Prefer: respond-async answers 202 with the id and finishes in the background", async () => {
  const app = await startTestApp();
  try {
    const res = await app.ingest(sampleEmail(), { prefer: "respond-async" });
    assert.equal(res.status, 202);
    const { id, processed } = await res.json();
    await app.ctx.pipeline.drain();
    const record = await (await app.api(processed.replace("/functions/v1/api", ""))).json();
    assert.equal(record.outcome, "created");
    assert.equal(record.complaintId, id);
    const missing = await app.api("/processed-emails/mid%3Anope");
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
    const complaint = await app.ctx.store.getComplaint(id);
    assert.equal(complaint?.processing.state, "done");
    assert.equal(complaint?.subject, "My order ORD-12345 has not arrived");
  } finally {
    await app.stop();
  }
});

Deno.test("respond-async answers before the queue is processed, even when processing never waits on I/O", async () => {
  // Analysis that holds the thread (as the local analyzer on a long mail does) and never awaits.
  const local = new LocalAnalyzer();
  const busy = {
    name: "busy",
    version: "1",
    analyze(input: Parameters<LocalAnalyzer["analyze"]>[0]) {
      const until = Date.now() + 40;
      while (Date.now() < until) { /* hold the thread */ }
      return local.analyze(input);
    },
  };
  const app = await startTestApp({ PROCESS_CONCURRENCY: "1" }, { analyzer: busy });
  try {
    const posts = Array.from({ length: 8 }, (_, i) =>
      app.ingest(
        sampleEmail({ messageId: `busy-${i}`, body: `Case ${i}: the ${i}th blender is broken.` }),
        { prefer: "respond-async" },
      ));
    const first = await Promise.race(posts);
    assert.equal(first.status, 202);
    const processed = await app.ctx.store.listProcessedEmails({ page: 1, limit: 20 });
    const done = processed.items.filter((p) => p.outcome !== "received").length;
    assert.ok(done < 8, `the first 202 came after all ${done} mails were processed`);
    for (const res of await Promise.all(posts)) await res.body?.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("a malformed MIME message is still stored with the text that can be recovered", async () => {
  const app = await startTestApp();
  try {
    const raw = [
      "From: Broken Client <broken@example.test>",
      "Subject: Broken multipart",
      "Message-ID: <broken-1@example.test>",
      'Content-Type: multipart/mixed; boundary="never-closed"',
      "",
      "--never-closed",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "My kettle leaks water =E2=80=94 please help.",
      "--never-closed",
      'Content-Type: application/pdf; name="x.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0xLjQK!!!not-base64",
    ].join("\r\n");
    const res = await app.ingest(raw);
    assert.ok(res.status === 201 || res.status === 200, `status ${res.status}`);
    const { id } = await res.json();
    const complaint = await app.ctx.store.getComplaint(id);
    assert.equal(complaint?.subject, "Broken multipart");
    assert.match(complaint!.description, /kettle leaks water — please help/);
    assert.ok(await app.ctx.blobs.has(complaint!.rawKey));
  } finally {
    await app.stop();
  }
});

Deno.test("a failure after receipt leaves a complaint marked for retry, and the retry completes it", async () => {
  let now = new Date("2026-09-07T10:00:00.000Z");
  const app = await startTestApp({}, { analyzer: new FlakyAnalyzer(1), now: () => now });
  try {
    const res = await app.ingest(sampleEmail({ messageId: "flaky-1" }));
    assert.equal(res.status, 201);
    const { id, processing } = await res.json();
    assert.equal(processing, "failed");
    const failed = await app.ctx.store.getComplaint(id);
    assert.equal(failed?.processing.state, "failed");
    assert.match(failed!.processing.lastError!, /analyzer outage/);
    assert.equal(failed?.subject, "My order ORD-12345 has not arrived");
    assert.ok(await app.ctx.blobs.has(failed!.rawKey));
    assert.equal(
      (await app.ctx.store.getProcessedEmail("mid:flaky-1@example.test"))?.outcome,
      "failed",
    );

    assert.equal(await app.ctx.pipeline.retryDue(), 0, "not due before its backoff");
    now = new Date(now.getTime() + 10 * 60_000);
    assert.equal(await app.ctx.pipeline.retryDue(), 1);
    const done = await app.ctx.store.getComplaint(id);
    assert.equal(done?.processing.state, "done");
    assert.equal(done?.processing.attempts, 2);
    assert.ok(done?.analysis);
    assert.deepEqual(done?.history.map((h) => h.action), ["processing_failed", "reprocessed"]);
    assert.equal(
      (await app.ctx.store.getProcessedEmail("mid:flaky-1@example.test"))?.outcome,
      "created",
    );
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
  } finally {
    await app.stop();
  }
});

Deno.test("posts past INGEST_MAX_INFLIGHT_BYTES get 503 with Retry-After, and the retry is accepted", async () => {
  const gate = new GatedAnalyzer();
  const first = sampleEmail({ messageId: "<held@example.test>" });
  const second = sampleEmail({ messageId: "<later@example.test>", body: "x".repeat(600) });
  const app = await startTestApp({ INGEST_MAX_INFLIGHT_BYTES: String(first.length + 100) }, {
    analyzer: gate,
  });
  try {
    const held = app.ingest(first);
    await until(() => gate.waiting === 1);
    const busy = await app.ingest(second);
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get("retry-after"), "2");
    assert.equal((await busy.json()).error.code, "busy");
    gate.open();
    assert.equal((await held).status, 201);
    const retried = await app.ingest(second);
    assert.equal(retried.status, 201);
    await retried.body?.cancel();
    assert.equal(app.ctx.pipeline.memory.held, 0, "every reservation was given back");
  } finally {
    await app.stop();
  }
});

Deno.test("async work past the memory budget re-reads its raw from the blob store and completes", async () => {
  const gate = new GatedAnalyzer();
  const emails = Array.from(
    { length: 5 },
    (_, i) => sampleEmail({ messageId: `<async-${i}@example.test>`, subject: `Parcel ${i} lost` }),
  );
  const app = await startTestApp({
    INGEST_MAX_INFLIGHT_BYTES: String(emails[0].length * 2),
    PROCESS_CONCURRENCY: "1",
  }, { analyzer: gate });
  try {
    const ids: string[] = [];
    for (const email of emails) {
      const res = await app.ingest(email, { prefer: "respond-async" });
      assert.equal(res.status, 202);
      ids.push((await res.json()).id);
    }
    const pipeline = app.ctx.pipeline;
    await until(() => gate.waiting === 1);
    assert.ok(pipeline.memory.held <= emails[0].length * 2, `${pipeline.memory.held} held`);
    gate.open();
    await pipeline.drain();
    for (const [i, id] of ids.entries()) {
      const complaint = await app.ctx.store.getComplaint(id);
      assert.equal(complaint?.processing.state, "done", id);
      assert.equal(complaint?.subject, `Parcel ${i} lost`);
    }
    assert.equal(pipeline.memory.held, 0);
  } finally {
    await app.stop();
  }
});
