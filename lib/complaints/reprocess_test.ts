import assert from "node:assert/strict";
import { FlakyAnalyzer } from "../../test/support/flaky_analyzer.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { reprocessComplaint } from "./reprocess.ts";
import { applyAgentPatch } from "./update.ts";
import { sendReply } from "../outbound/reply.ts";
import { SLA_FIELDS, slaOnPriority } from "../escalation/sla.ts";
import type { Complaint } from "../schema/complaint.ts";

const quiet = createLogger("error", () => {});
const H = 3_600_000;

Deno.test("reprocessing a failed complaint runs it now with a fresh budget and records who asked", async () => {
  const analyzer = new FlakyAnalyzer(1);
  const app = await startTestApp({}, { analyzer, log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "rp-1" }))).json();
    const failed = (await app.ctx.store.getComplaint(id))!;
    assert.equal(failed.processing.state, "failed");
    assert.ok(failed.processing.nextAttemptAt! > app.ctx.now().toISOString(), "backing off");
    const done = await reprocessComplaint(app.ctx, app.ctx.pipeline, id, "agent@example.com");
    assert.equal(done.processing.state, "done");
    const asked = done.history.find((h) => h.action === "reprocess_requested");
    assert.equal(asked?.actor, "agent@example.com");
    assert.equal(asked?.details.lastError, "analyzer outage");
  } finally {
    await app.stop();
  }
});

Deno.test("reprocessing refuses unknown complaints (not_found) and processed ones (conflict)", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "rp-2" }))).json();
    const pipeline = app.ctx.pipeline;
    await assert.rejects(
      reprocessComplaint(app.ctx, pipeline, id, "a"),
      (e) => e instanceof ConflictError && e.code === "conflict",
    );
    await assert.rejects(
      reprocessComplaint(app.ctx, pipeline, "missing", "a"),
      (e) => e instanceof NotFoundError && e.code === "not_found",
    );
    assert.equal((await app.ctx.store.getComplaint(id))!.history.length, 1, "nothing recorded");
  } finally {
    await app.stop();
  }
});

Deno.test("reprocessing keeps what came after the failure: the thread, the assignee and the agents' triage", async () => {
  const analyzer = new FlakyAnalyzer(1);
  const app = await startTestApp({}, { analyzer, log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "rp-3" }))).json();
    assert.equal((await app.ctx.store.getComplaint(id))!.processing.state, "failed");
    await applyAgentPatch(app.ctx, id, {
      category: "billing",
      priority: "critical",
      assignee: "agent@example.com",
    }, "agent@example.com");
    const answer = await app.ingest(sampleEmail({
      messageId: "rp-3-answer",
      subject: "Re: My order ORD-12345 has not arrived",
      body: "Any news? I still have nothing.",
      extraHeaders: ["In-Reply-To: <rp-3@example.test>"],
    }));
    assert.equal((await answer.json()).id, id, "the answer joined the failed complaint");
    const before = (await app.ctx.store.getComplaint(id))!;
    assert.equal(before.messages.length, 1);

    const done = await reprocessComplaint(app.ctx, app.ctx.pipeline, id, "agent@example.com");
    assert.equal(done.processing.state, "done");
    assert.ok(done.analysis, "analysed now");
    assert.equal(done.category, "billing", "the agent's category stands");
    assert.equal(done.priority, "critical", "the agent's priority stands");
    assert.equal(done.slaDueAt, before.slaDueAt, "and the SLA that follows it");
    assert.equal(done.assignee, "agent@example.com");
    assert.deepEqual(
      done.messages.map((m) => m.messageId),
      before.messages.map((m) => m.messageId),
    );
    assert.ok(done.entities.orderNumbers.includes("ORD-12345"), "the analysis filled the rest");
  } finally {
    await app.stop();
  }
});

const slaOf = (c: Complaint) => Object.fromEntries(SLA_FIELDS.map((f) => [f, c[f]]));

Deno.test("reprocessing keeps the SLA the agent's reply moved (first answer met, waiting on the customer) when the priority stays", async () => {
  const analyzer = new FlakyAnalyzer(1, { priority: "medium" });
  const app = await startTestApp({}, { analyzer, log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "rp-sla-1" }))).json();
    const failed = (await app.ctx.store.getComplaint(id))!;
    assert.equal(failed.processing.state, "failed");
    assert.equal(failed.priority, "medium");
    await sendReply(app.ctx, app.ctx.pipeline.locks, id, {
      text: "We are looking into it.",
      by: "agent@example.com",
    });
    const before = (await app.ctx.store.getComplaint(id))!;
    assert.equal(before.status, "waiting");
    assert.ok(before.slaClock?.firstResponseAt && before.slaClock.pausedAt);
    assert.equal(before.slaDueAt, undefined, "waiting on the customer: no deadline counts");

    const done = await reprocessComplaint(app.ctx, app.ctx.pipeline, id, "agent@example.com");
    assert.equal(done.processing.state, "done");
    assert.equal(done.priority, "medium");
    assert.deepEqual(slaOf(done), slaOf(before), "the SLA is as the agent's actions left it");
  } finally {
    await app.stop();
  }
});

Deno.test("reprocessing that changes the priority moves the SLA by the rule of a priority change: from receipt, the time waited kept", async () => {
  const analyzer = new FlakyAnalyzer(1, { priority: "critical" });
  const app = await startTestApp({}, { analyzer, log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "rp-sla-2" }))).json();
    assert.equal((await app.ctx.store.getComplaint(id))!.priority, "medium", "unread: medium");
    // The clock is held still: a busy machine must not add milliseconds to the time waited.
    const start = app.ctx.now().getTime();
    app.ctx.now = () => new Date(start);
    await applyAgentPatch(app.ctx, id, { status: "waiting" }, "agent@example.com");
    app.ctx.now = () => new Date(start + 2 * H);
    await applyAgentPatch(app.ctx, id, { status: "in_progress" }, "agent@example.com");
    const before = (await app.ctx.store.getComplaint(id))!;
    assert.equal(before.slaClock?.pausedMs, 2 * H);

    const done = await reprocessComplaint(app.ctx, app.ctx.pipeline, id, "agent@example.com");
    assert.equal(done.priority, "critical", "the analysis raised it");
    assert.deepEqual(
      slaOf(done),
      slaOf({ ...before, ...slaOnPriority(app.ctx.policy, before, "critical") }),
    );
    assert.deepEqual(done.slaClock, before.slaClock, "the 2 h waited still count");
    // Critical resolves in 1 h (the default), counted from receipt and moved by the 2 h waited.
    assert.equal(
      done.slaResolutionDueAt,
      new Date(Date.parse(before.receivedAt) + 3 * H).toISOString(),
    );
    assert.equal(done.slaDueAt, done.slaResolutionDueAt);
  } finally {
    await app.stop();
  }
});
