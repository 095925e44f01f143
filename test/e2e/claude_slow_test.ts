import assert from "node:assert/strict";
import { startFakeAnthropic } from "../fakes/anthropic.ts";
import { startFakeTelegram } from "../fakes/telegram.ts";
import { validAnalysis } from "../support/analysis.ts";
import { sampleEmail, startTestApp } from "../support/app.ts";
import { until } from "../support/wait.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";
import { runJobsOnce } from "../../lib/jobs.ts";
import { Browser } from "./web_server.ts";

/** Claude's reading: critical safety, unlike what the local analyzer makes of a plain note. */
const CLAUDE_SAYS = {
  ...validAnalysis,
  category: "quality",
  priority: "critical",
  summary: "Kettle sparks: a safety hazard.",
};

const MAIL = sampleEmail({
  messageId: "slow-claude-1",
  subject: "About my kettle",
  body: "Hello, the kettle I bought with order ORD-5150 makes a noise. Regards.",
});

/** A controllable clock for the job's back-off; starts at the real now. */
function clock() {
  let t = Date.now();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

Deno.test("Claude slower than CLAUDE_MAX_WAIT_MS: saved and alerted on the local reading at once; the job applies Claude's late answer from the cache (no second call), records it and edits the alert", async () => {
  const claude = await startFakeAnthropic({
    respond: () => ({ toolUse: { name: TOOL_NAME, input: CLAUDE_SAYS }, delayMs: 1_500 }),
  });
  const tg = await startFakeTelegram();
  const time = clock();
  const app = await startTestApp({
    ANTHROPIC_API_KEY: claude.apiKey,
    ANTHROPIC_BASE_URL: claude.url,
    CLAUDE_MAX_WAIT_MS: "300",
    ...tg.env,
    TELEGRAM_MIN_PRIORITY: "low",
    ADMIN_PASSWORD: "slow claude admin",
  }, { now: time.now });
  try {
    const res = await app.ingest(MAIL);
    const answer = await res.json();
    assert.equal(res.status, 201, JSON.stringify(answer));
    const body = await (await app.api(`/complaints/${answer.id}`)).json();
    // Answered before Claude did: the local reading, the reason, and the alert already out.
    assert.equal(claude.requests.length, 1);
    assert.equal(body.analysis.analyzer, "local");
    assert.equal(body.analysis.fallback.reason, "no answer within 300 ms");
    assert.ok(body.modelRetryAt, "marked for Claude");
    assert.notEqual(body.priority, "critical");
    assert.equal(tg.calls.filter((c) => c.method === "sendMessage").length, 1);

    // The agent sees why, and that Claude will read it.
    const browser = new Browser(app.url);
    assert.equal((await browser.login("admin@example.com", "slow claude admin")).status, 303);
    const page = await browser.text(`/complaints/${body.id}`);
    assert.match(page, /Triaged by<\/dt>\s*<dd>local \(claude: no answer within 300 ms\)/);
    assert.match(page, /claude reads it again from/);

    // Claude answers late, into the cache; the job, once due, applies it without a new call.
    await until(() => lateAnswerCached(app), 5_000, "Claude's late answer");
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 0, "not before it is due");
    time.advance(31_000);
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 1);
    assert.equal(claude.requests.length, 1, "the late answer was used, not a second call");

    const after = await (await app.api(`/complaints/${body.id}`)).json();
    assert.equal(after.analysis.analyzer, "claude");
    assert.equal(after.analysis.fallback, undefined);
    assert.equal(after.modelRetryAt, undefined);
    assert.equal(after.priority, "critical");
    assert.equal(after.category, "quality");
    const note = after.history.find((h: { action: string }) => h.action === "reanalyzed");
    assert.ok(note, JSON.stringify(after.history));
    assert.equal(note.details.was, "local");
    assert.equal(note.details.priority, `${body.priority} → critical`);
    const edit = tg.calls.find((c) => c.method === "editMessageText");
    assert.ok(edit, JSON.stringify(tg.calls.map((c) => c.method)));
    assert.match(
      edit.params.text,
      new RegExp(`Claude read it: priority ${body.priority} → critical`),
    );
    assert.equal(
      tg.calls.filter((c) => c.method === "sendMessage").length,
      1,
      "edited, not resent",
    );
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 0, "done once");
  } finally {
    await app.stop();
    await claude.stop();
    await tg.stop();
  }
});

async function lateAnswerCached(app: Awaited<ReturnType<typeof startTestApp>>): Promise<boolean> {
  const text = await (await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${app.apiToken}` },
  })).text();
  return /inbox_claude_calls_total\{result="ok"\} 1/.test(text);
}

Deno.test("Claude down: local triage at once; the job backs off while it stays down, keeps an agent's correction when Claude is back, and gives up after RETRY_MAX_ATTEMPTS", async () => {
  let up = false;
  const claude = await startFakeAnthropic({
    respond: () =>
      up ? { toolUse: { name: TOOL_NAME, input: CLAUDE_SAYS } } : { status: 500, message: "down" },
  });
  const time = clock();
  const app = await startTestApp({
    ANTHROPIC_API_KEY: claude.apiKey,
    ANTHROPIC_BASE_URL: claude.url,
    CLAUDE_MAX_RETRIES: "0",
    RETRY_MAX_ATTEMPTS: "3",
  }, { now: time.now });
  const complaintOf = async (res: Response) => {
    const answer = await res.json();
    assert.equal(res.status, 201, JSON.stringify(answer));
    return await (await app.api(`/complaints/${answer.id}`)).json();
  };
  try {
    const a = await complaintOf(await app.ingest(MAIL));
    assert.equal(a.analysis.analyzer, "local");
    assert.match(a.analysis.fallback.reason, /down|500/);
    assert.ok(a.modelRetryAt);

    // Still down: one attempt, then the next waits longer (30 s, then 60 s).
    time.advance(31_000);
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 0);
    let c = await (await app.api(`/complaints/${a.id}`)).json();
    assert.equal(c.modelRetryAttempts, 1);
    assert.equal(Date.parse(c.modelRetryAt) - time.now().getTime(), 60_000);

    // An agent corrects the category meanwhile; Claude, back, does not overrule it.
    const patched = await app.api(`/complaints/${a.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ category: "billing" }),
    });
    assert.equal(patched.status, 200, await patched.text());
    up = true;
    time.advance(61_000);
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 1);
    c = await (await app.api(`/complaints/${a.id}`)).json();
    assert.equal(c.analysis.analyzer, "claude");
    assert.equal(c.category, "billing", "the agent's correction stands");
    assert.equal(c.priority, "critical");

    // Another complaint while Claude is down for good: given up after RETRY_MAX_ATTEMPTS runs.
    up = false;
    const b = await complaintOf(
      await app.ingest(sampleEmail({
        messageId: "slow-claude-2",
        from: "Other <other@example.test>",
        body: "My invoice INV-77 shows the wrong address.",
      })),
    );
    for (let i = 0; i < 3; i++) {
      time.advance(3_600_000);
      await runJobsOnce(app.ctx);
    }
    c = await (await app.api(`/complaints/${b.id}`)).json();
    assert.equal(c.modelRetryAt, undefined);
    assert.ok(c.history.some((h: { action: string }) => h.action === "reanalysis_given_up"));
    const calls = claude.requests.length;
    assert.equal(calls, 1 + 1 + 1 + 1 + 3, "each mail once, each job attempt once");
    time.advance(3_600_000);
    await runJobsOnce(app.ctx);
    assert.equal(claude.requests.length, calls, "no more calls once given up");
  } finally {
    await app.stop();
    await claude.stop();
  }
});

Deno.test("CLAUDE_BATCH: the backlog goes out as one Message Batch, is polled while it runs, and its answers are applied from the cache without synchronous calls; the ledger prices them as batch", async () => {
  let syncDown = true;
  const claude = await startFakeAnthropic({
    respond: (r) =>
      r.path === "/v1/messages" && syncDown
        ? { status: 529, message: "overloaded" }
        : { toolUse: { name: TOOL_NAME, input: CLAUDE_SAYS } },
  });
  const time = clock();
  const app = await startTestApp({
    ANTHROPIC_API_KEY: claude.apiKey,
    ANTHROPIC_BASE_URL: claude.url,
    CLAUDE_MAX_RETRIES: "0",
    CLAUDE_BATCH: "true",
  }, { now: time.now });
  try {
    const ids: string[] = [];
    for (const [i, body] of ["The kettle sparks.", "My parcel ORD-9 is late."].entries()) {
      const res = await app.ingest(sampleEmail({
        messageId: `batch-${i}`,
        from: `C${i} <c${i}@example.test>`,
        body,
      }));
      assert.equal(res.status, 201);
      ids.push((await res.json()).id);
    }
    const syncCalls = claude.requests.length;
    assert.equal(syncCalls, 2, "one failed call each at intake");
    syncDown = false; // would answer now: the job must still not call synchronously

    time.advance(31_000);
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 0, "sent, not yet answered");
    assert.equal(claude.batches.length, 1);
    const [batch] = claude.batches;
    assert.deepEqual(batch.requests.map((r) => r.customId).sort(), [...ids].sort());
    assert.match(JSON.stringify(batch.requests[0].body.messages), /kettle|ORD-9/);
    for (const id of ids) {
      const c = await (await app.api(`/complaints/${id}`)).json();
      assert.equal(c.modelBatchId, batch.id);
    }

    time.advance(61_000);
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 0, "still running: polled again");
    assert.equal(claude.batches.length, 1, "not sent twice");

    claude.endBatches();
    time.advance(61_000);
    assert.equal((await runJobsOnce(app.ctx)).reanalysed, 2);
    assert.equal(claude.requests.length, syncCalls, "no synchronous call: read from the batch");
    for (const id of ids) {
      const c = await (await app.api(`/complaints/${id}`)).json();
      assert.equal(c.analysis.analyzer, "claude");
      assert.equal(c.priority, "critical");
      assert.equal(c.modelBatchId, undefined);
      assert.equal(c.modelRetryAt, undefined);
    }
    const stats = await (await app.api("/stats")).json();
    const today = stats.claude[0];
    assert.ok(today.models.some((m: string) => m.endsWith(":batch")), JSON.stringify(today));
  } finally {
    await app.stop();
    await claude.stop();
  }
});
