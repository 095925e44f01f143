import assert from "node:assert/strict";
import { FlakyAnalyzer } from "../../test/support/flaky_analyzer.ts";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { sha256Hex } from "../crypto.ts";
import { createLogger } from "../log.ts";
import { Pipeline } from "./pipeline.ts";
import { ingestKey, rawBlobKey } from "./keys.ts";

const quiet = createLogger("error", () => {});

/** Moves the app's clock forward by `ms` (ctx.now is the only clock the pipeline reads). */
function advance(app: TestApp, ms: number) {
  const t = app.ctx.now().getTime() + ms;
  app.ctx.now = () => new Date(t);
}

Deno.test("a complaint that keeps failing is given up after RETRY_MAX_ATTEMPTS and waits in Needs attention", async () => {
  const analyzer = new FlakyAnalyzer(100);
  const app = await startTestApp({ RETRY_MAX_ATTEMPTS: "3" }, { analyzer, log: quiet });
  try {
    const res = await app.ingest(sampleEmail({ messageId: "dead-1" }));
    const { id } = await res.json();
    const pipeline = app.ctx.pipeline;
    for (let i = 0; i < 5; i++) {
      advance(app, 7 * 3_600_000); // past any back-off
      await pipeline.retryDue();
    }
    const c = (await app.ctx.store.getComplaint(id))!;
    assert.equal(c.processing.state, "dead");
    assert.equal(c.processing.attempts, 3, "exactly RETRY_MAX_ATTEMPTS runs");
    assert.equal(c.processing.lastError, "analyzer outage");
    assert.equal(c.processing.nextAttemptAt, undefined);
    assert.ok(c.history.some((h) => h.action === "processing_gave_up"));
    assert.deepEqual(await app.ctx.store.listRetryable(app.ctx.now().toISOString(), 10), []);
    const view = await app.ctx.store.listComplaints({ processing: "dead", page: 1, limit: 10 });
    assert.deepEqual(view.items.map((x) => x.id), [id]);

    // Reprocess through the API once the outage is over: a fresh budget, processed now.
    analyzer.failures = 0;
    const again = await app.api(`/complaints/${id}/reprocess`, { method: "POST" });
    assert.equal(again.status, 200);
    const done = await again.json();
    assert.equal(done.processing.state, "done");
    assert.equal(done.processing.attempts, 1);
    assert.ok(done.analysis);
    const actions = done.history.map((h: { action: string }) => h.action);
    assert.ok(actions.includes("reprocess_requested"));
    assert.ok(actions.includes("reprocessed"));
    // A processed complaint is not reprocessed; an unknown one is not found.
    assert.equal((await app.api(`/complaints/${id}/reprocess`, { method: "POST" })).status, 409);
    assert.equal((await app.api(`/complaints/nope/reprocess`, { method: "POST" })).status, 404);
  } finally {
    await app.stop();
  }
});

Deno.test("a reprocess that fails again leaves the complaint waiting, with its new error", async () => {
  const analyzer = new FlakyAnalyzer(100);
  const app = await startTestApp({ RETRY_MAX_ATTEMPTS: "1" }, { analyzer, log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "dead-2" }))).json();
    assert.equal((await app.ctx.store.getComplaint(id))!.processing.state, "dead");
    const res = await app.api(`/complaints/${id}/reprocess`, { method: "POST" });
    assert.equal(res.status, 200);
    const c = await res.json();
    assert.equal(c.processing.state, "dead", "one attempt allowed, and it failed");
    assert.equal(c.processing.lastError, "analyzer outage");
  } finally {
    await app.stop();
  }
});

Deno.test("a claim whose every run stopped the process is given up without parsing it again", async () => {
  const app = await startTestApp({ RETRY_MAX_ATTEMPTS: "3" }, { log: quiet });
  try {
    // Two claims a crash left in `received`: one with runs to spare, one that used them all.
    const claims = [];
    for (const [messageId, attempts] of [["stuck-ok", 1], ["poison", 3]] as const) {
      const raw = new TextEncoder().encode(sampleEmail({ messageId }));
      const sha256 = await sha256Hex(raw);
      await app.ctx.blobs.put(rawBlobKey(sha256), raw, "message/rfc822");
      const at = app.ctx.now().toISOString();
      const { record } = await app.ctx.store.claimEmail({
        key: ingestKey("email", `${messageId}@example.test`, sha256),
        messageId: `${messageId}@example.test`,
        sha256,
        rawKey: rawBlobKey(sha256),
        size: raw.length,
        from: "aida@example.test",
        subject: "stuck",
        complaintId: `c-${messageId}`,
        outcome: "received",
        attempts,
        receivedAt: at,
        updatedAt: at,
      });
      claims.push(record);
    }
    advance(app, 10 * 60_000);
    assert.equal(await app.ctx.pipeline.retryDue(), 2);
    const ok = (await app.ctx.store.getComplaint("c-stuck-ok"))!;
    assert.equal(ok.processing.state, "done");
    assert.equal((await app.ctx.store.getProcessedEmail(claims[0].key))?.attempts, 2);
    const poison = (await app.ctx.store.getComplaint("c-poison"))!;
    assert.equal(poison.processing.state, "dead");
    assert.match(poison.processing.lastError ?? "", /did not finish in 3 attempts/);
    assert.equal(poison.analysis, undefined, "not parsed or analysed again");
    assert.equal((await app.ctx.store.getProcessedEmail(claims[1].key))?.outcome, "failed");
  } finally {
    await app.stop();
  }
});

Deno.test("two instances' retry jobs on one store never run the same complaint at once", async () => {
  const analyzer = new FlakyAnalyzer(4);
  const app = await startTestApp({}, { analyzer, log: quiet });
  try {
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const body = `Order ORD-${1000 + i} arrived broken, case ${i}: the ${
        ["lid", "handle", "base", "cord"][i]
      } is cracked.`;
      ids.push((await (await app.ingest(sampleEmail({ messageId: `twin-${i}`, body }))).json()).id);
    }
    advance(app, 3_600_000);
    let calls = 0;
    const counting = {
      ...app.ctx,
      analyzer: {
        name: analyzer.name,
        version: analyzer.version,
        analyze: (input: Parameters<typeof analyzer.analyze>[0]) => {
          calls++;
          return analyzer.analyze(input);
        },
      },
    };
    // Two pipelines = two instances sharing the store (each has its own in-memory state).
    const [a, b] = await Promise.all([
      new Pipeline(counting).retryDue(),
      new Pipeline({ ...counting }).retryDue(),
    ]);
    assert.equal(a + b, 4, `${a} + ${b}`);
    assert.equal(calls, 4, "one analysis per complaint");
    for (const id of ids) {
      const c = (await app.ctx.store.getComplaint(id))!;
      assert.equal(c.processing.state, "done");
      assert.equal(c.history.filter((h) => h.action === "reprocessed").length, 1);
    }
  } finally {
    await app.stop();
  }
});

Deno.test("a failing complaint gets the configured team for 'other' and a medium SLA from receipt", async () => {
  const analyzer = new FlakyAnalyzer(1);
  const app = await startTestApp({ ESCALATION_TEAMS: "other:triage", SLA_MEDIUM_HOURS: "24" }, {
    analyzer,
    log: quiet,
  });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "sla-1" }))).json();
    const c = (await app.ctx.store.getComplaint(id))!;
    assert.equal(c.processing.state, "failed");
    assert.equal(c.team, "triage");
    assert.equal(c.priority, "medium");
    assert.equal(Date.parse(c.slaDueAt!) - Date.parse(c.receivedAt), 24 * 3_600_000);
  } finally {
    await app.stop();
  }
});

Deno.test("a complaint that fails first and succeeds on a retry is routed then: a resend becomes a duplicate and raises no alert", async () => {
  const analyzer = new FlakyAnalyzer(0);
  const alerts: string[] = [];
  const notifier = {
    name: "recording",
    notify(alert: { complaint: { id: string } }) {
      alerts.push(alert.complaint.id);
      return Promise.resolve();
    },
    notifyIncident: () => Promise.resolve(),
  };
  const app = await startTestApp({ TELEGRAM_MIN_PRIORITY: "low" }, {
    analyzer,
    log: quiet,
    notifier,
  });
  try {
    const body = "My blender from order ORD-4242 arrived with a cracked jar. Please replace it.";
    const first = await (await app.ingest(sampleEmail({ messageId: "orig", body }))).json();
    analyzer.failures = 1;
    // Re: keeps the content hash (an exact resend) but misses the analysis cache.
    const resend = await (await app.ingest(
      sampleEmail({ messageId: "resend", body, subject: "Re: My order ORD-12345 has not arrived" }),
    )).json();
    assert.equal((await app.ctx.store.getComplaint(resend.id))!.processing.state, "failed");
    advance(app, 3_600_000);
    await app.ctx.pipeline.retryDue();
    const c = (await app.ctx.store.getComplaint(resend.id))!;
    assert.equal(c.processing.state, "done");
    assert.equal(c.duplicateOf, first.id);
    assert.equal(c.status, "duplicate");
    assert.ok(c.history.some((h) => h.action === "duplicate_detected"));
    assert.deepEqual(alerts, [first.id], "the duplicate raised no alert");
    const original = (await app.ctx.store.getComplaint(first.id))!;
    assert.deepEqual(original.relatedComplaints, [resend.id]);
    assert.equal(
      (await app.ctx.store.getProcessedEmail(`mid:resend@example.test`))?.outcome,
      "duplicate",
    );
  } finally {
    await app.stop();
  }
});
