import assert from "node:assert/strict";
import { type FakeAnthropic, startFakeAnthropic } from "../../test/fakes/anthropic.ts";
import { type FakeTelegram, startFakeTelegram } from "../../test/fakes/telegram.ts";
import { validAnalysis } from "../../test/support/analysis.ts";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { TOOL_NAME } from "../analyze/claude/prompt.ts";
import type { StrictAnalysis } from "../analyze/schema.ts";
import { applyAgentPatch } from "../complaints/update.ts";
import type { Complaint } from "../schema/complaint.ts";
import { reanalysisDelayMs } from "./process.ts";
import { reanalyzeDue } from "./reanalyze.ts";

/** A controllable clock for the job's back-off; starts at the real now. */
function clock() {
  let t = Date.now();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/**
 * A fake Messages API that is down (500) until `up` is set; once up it answers with the
 * analysis `says` gives for the request (Claude's reading), synchronously or in a batch.
 */
interface Claude {
  fake: FakeAnthropic;
  up: boolean;
  says: () => StrictAnalysis;
}

async function startClaude(says: () => StrictAnalysis): Promise<Claude> {
  const claude: Claude = { fake: undefined!, up: false, says };
  claude.fake = await startFakeAnthropic({
    respond: () =>
      claude.up
        ? { toolUse: { name: TOOL_NAME, input: claude.says() } }
        : { status: 500, message: "claude is down" },
  });
  return claude;
}

interface Setup {
  app: TestApp;
  claude: Claude;
  tg: FakeTelegram;
  time: ReturnType<typeof clock>;
}

/**
 * The product with Claude down (no retries within one call) and Telegram alerts, on a clock the
 * test moves; `fn` runs with it, everything is stopped after.
 */
async function withDownClaude(
  env: Record<string, string>,
  says: () => StrictAnalysis,
  fn: (s: Setup) => Promise<void>,
): Promise<void> {
  const claude = await startClaude(says);
  const tg = await startFakeTelegram();
  const time = clock();
  let app: TestApp | undefined;
  try {
    app = await startTestApp({
      ANTHROPIC_API_KEY: claude.fake.apiKey,
      ANTHROPIC_BASE_URL: claude.fake.url,
      CLAUDE_MAX_RETRIES: "0",
      ...tg.env,
      ...env,
    }, { now: time.now });
    await fn({ app, claude, tg, time });
  } finally {
    await app?.stop();
    await claude.fake.stop();
    await tg.stop();
  }
}

let mails = 0;

/** Ingest a plain note (the local analyzer reads it as nothing urgent); the stored complaint. */
async function ingest(app: TestApp, body?: string): Promise<Complaint> {
  mails++;
  const res = await app.ingest(sampleEmail({
    messageId: `reanalyze-${mails}-${crypto.randomUUID()}`,
    from: `Customer ${mails} <customer${mails}@example.test>`,
    subject: "About my kettle",
    body: body ?? "Hello, the kettle I bought with order ORD-5150 makes a noise. Regards.",
  }));
  const answer = await res.json();
  assert.equal(res.status, 201, JSON.stringify(answer));
  return await stored(app, answer.id);
}

async function stored(app: TestApp, id: string): Promise<Complaint> {
  const c = await app.ctx.store.getComplaint(id);
  assert.ok(c, `complaint ${id} is stored`);
  return c;
}

const sent = (tg: FakeTelegram, method: string) => tg.calls.filter((c) => c.method === method);
const historyOf = (c: Complaint, action: string) => c.history.filter((h) => h.action === action);

/** Claude's reading: critical safety; the category is chosen per test. */
const critical = (category: StrictAnalysis["category"]): StrictAnalysis => ({
  ...validAnalysis,
  category,
  priority: "critical",
  summary: "Kettle sparks: a safety hazard.",
});

Deno.test("without a model configured the job reads nothing: a complaint marked for Claude is left as it is", async () => {
  const time = clock();
  const app = await startTestApp({}, { now: time.now });
  try {
    const c = await ingest(app);
    assert.equal(c.analysis?.analyzer, "local");
    // Marked as if Claude had failed on it (only a configured model marks complaints).
    const due = new Date(time.now().getTime() - 1_000).toISOString();
    await app.ctx.store.updateComplaint(c.id, { modelRetryAt: due }, []);
    const before = await stored(app, c.id);
    time.advance(3_600_000);

    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0);
    const after = await stored(app, c.id);
    assert.equal(after.modelRetryAt, due, "still marked: nothing better to wait for");
    assert.equal(after.modelRetryAttempts, undefined, "no attempt counted");
    assert.deepEqual(after.history, before.history);
  } finally {
    await app.stop();
  }
});

Deno.test("Claude back: the complaint takes its reading, the retry marks are cleared, and history says who read it, what it was and only the fields that changed", () => {
  let localCategory: StrictAnalysis["category"] = "other";
  return withDownClaude({}, () => critical(localCategory), async ({ app, claude, time }) => {
    const before = await ingest(app);
    localCategory = before.category as StrictAnalysis["category"]; // Claude agrees on it
    assert.equal(before.analysis?.analyzer, "local");
    assert.notEqual(before.priority, "critical");
    assert.equal(
      Date.parse(before.modelRetryAt!) - time.now().getTime(),
      reanalysisDelayMs(1),
      "first due in 30 s",
    );
    const callsAtIntake = claude.fake.requests.length;

    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0, "not before it is due");
    assert.equal(claude.fake.requests.length, callsAtIntake, "no call before it is due");

    claude.up = true;
    time.advance(reanalysisDelayMs(1));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 1);
    assert.equal(claude.fake.requests.length, callsAtIntake + 1, "one call");

    const after = await stored(app, before.id);
    assert.equal(after.analysis?.analyzer, "claude");
    assert.equal(after.analysis?.fallback, undefined);
    assert.equal(after.priority, "critical");
    assert.equal(after.category, before.category);
    assert.equal(after.modelRetryAt, undefined);
    assert.equal(after.modelRetryAttempts, undefined);
    const notes = historyOf(after, "reanalyzed");
    assert.equal(notes.length, 1, JSON.stringify(after.history));
    assert.equal(notes[0].actor, "system");
    assert.deepEqual(notes[0].details, {
      analyzer: "claude",
      model: "claude-haiku-5-5",
      was: "local",
      priority: `${before.priority} → critical`,
      // category unchanged: not listed
      ...(before.team !== after.team ? { team: `${before.team} → ${after.team}` } : {}),
    });

    time.advance(3_600_000);
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0, "read once");
    assert.equal(claude.fake.requests.length, callsAtIntake + 1);
  });
});

Deno.test("while Claude stays down each run backs off, doubling, and counts its attempt; the last allowed attempt gives up with the reason, keeping the local triage", () =>
  withDownClaude({ RETRY_MAX_ATTEMPTS: "3" }, () => critical("quality"), async (s) => {
    const { app, claude, time } = s;
    const before = await ingest(app);
    let due = Date.parse(before.modelRetryAt!);
    for (const attempt of [1, 2]) {
      time.advance(due - time.now().getTime() - 1);
      const calls = claude.fake.requests.length;
      assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0);
      assert.equal(claude.fake.requests.length, calls, `attempt ${attempt}: a ms early, no call`);

      time.advance(1);
      assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0, "Claude still down");
      assert.equal(claude.fake.requests.length, calls + 1, `attempt ${attempt}: one call`);
      const c = await stored(app, before.id);
      assert.equal(c.modelRetryAttempts, attempt);
      assert.equal(
        Date.parse(c.modelRetryAt!) - time.now().getTime(),
        reanalysisDelayMs(attempt + 1),
        `attempt ${attempt}: the next waits ${reanalysisDelayMs(attempt + 1)} ms`,
      );
      assert.equal(historyOf(c, "reanalysis_given_up").length, 0);
      due = Date.parse(c.modelRetryAt!);
    }

    time.advance(due - time.now().getTime());
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0);
    const given = await stored(app, before.id);
    assert.equal(given.modelRetryAt, undefined, "no longer due");
    assert.equal(given.modelRetryAttempts, 3);
    const [note, ...more] = historyOf(given, "reanalysis_given_up");
    assert.equal(more.length, 0);
    assert.equal(note.actor, "system");
    assert.equal(note.details?.attempts, 3);
    assert.match(String(note.details?.reason), /claude is down|500/);
    assert.equal(historyOf(given, "reanalyzed").length, 0);
    assert.equal(given.analysis?.analyzer, "local", "the local triage stands");
    assert.equal(given.priority, before.priority);
    assert.equal(given.category, before.category);

    claude.up = true;
    const calls = claude.fake.requests.length;
    time.advance(24 * 3_600_000);
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0);
    assert.equal(claude.fake.requests.length, calls, "given up: never called again");
  }));

Deno.test("an agent's corrections of category and priority survive Claude's reading; with the priority kept no alert is sent or edited", () =>
  withDownClaude({ TELEGRAM_MIN_PRIORITY: "low" }, () => critical("quality"), async (s) => {
    const { app, claude, tg, time } = s;
    const before = await ingest(app);
    assert.equal(sent(tg, "sendMessage").length, 1, "alerted at intake on the local reading");
    const corrected = await applyAgentPatch(
      app.ctx,
      before.id,
      { category: "billing", priority: "low" },
      "agent@example.test",
    );
    assert.equal(corrected.category, "billing");

    claude.up = true;
    time.advance(reanalysisDelayMs(1));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 1);
    const after = await stored(app, before.id);
    assert.equal(after.analysis?.analyzer, "claude", "Claude's reading is kept");
    assert.equal(after.analysis?.summary, "Kettle sparks: a safety hazard.");
    assert.equal(after.category, "billing", "the agent's category stands");
    assert.equal(after.priority, "low", "the agent's priority stands");
    assert.equal(after.slaDueAt, corrected.slaDueAt, "and the deadline that follows it");
    const [note] = historyOf(after, "reanalyzed");
    assert.ok(note, JSON.stringify(after.history));
    assert.equal(note.details?.priority, undefined);
    assert.equal(note.details?.category, undefined);
    assert.equal(sent(tg, "sendMessage").length, 1, "no second alert");
    assert.equal(sent(tg, "editMessageText").length, 0, "no edit: the priority did not change");
  }));

Deno.test("a complaint that crosses the alert bar only on Claude's reading is alerted then, once", () =>
  withDownClaude({ TELEGRAM_MIN_PRIORITY: "high" }, () => critical("quality"), async (s) => {
    const { app, claude, tg, time } = s;
    const before = await ingest(app);
    assert.ok(["low", "medium"].includes(before.priority), before.priority);
    assert.equal(sent(tg, "sendMessage").length, 0, "below the bar at intake");

    claude.up = true;
    time.advance(reanalysisDelayMs(1));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 1);
    const alerts = sent(tg, "sendMessage");
    assert.equal(alerts.length, 1, JSON.stringify(tg.calls.map((c) => c.method)));
    assert.equal(sent(tg, "editMessageText").length, 0, "nothing to edit");
    const after = await stored(app, before.id);
    assert.match(alerts[0].params.text, new RegExp(`/complaints/${after.id}`));
    assert.deepEqual(
      (after.alerts ?? []).map((a) => [a.kind, a.state]),
      [["new", "sent"]],
      "recorded, so nothing sends it again",
    );

    time.advance(3_600_000);
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0);
    assert.equal(sent(tg, "sendMessage").length, 1);
  }));

Deno.test("a duplicate is read by Claude too, but only its original is alerted about the new priority", () =>
  withDownClaude({ TELEGRAM_MIN_PRIORITY: "high" }, () => critical("quality"), async (s) => {
    const { app, claude, tg, time } = s;
    // The same customer about the same order again, in other words (an exact resend would not
    // be sent to Claude at all).
    const from = "Dana <dana@example.test>";
    const res1 = await app.ingest(sampleEmail({
      messageId: "dup-a",
      from,
      body: "Hello, the kettle I bought with order ORD-7001 makes a noise. Regards.",
    }));
    const res2 = await app.ingest(sampleEmail({
      messageId: "dup-b",
      from,
      body: "Hello again, my kettle from order ORD-7001 still makes that noise. Regards.",
    }));
    const original = await stored(app, (await res1.json()).id);
    const duplicate = await stored(app, (await res2.json()).id);
    assert.equal(duplicate.duplicateOf, original.id, "the second is a duplicate of the first");
    assert.ok(original.modelRetryAt && duplicate.modelRetryAt, "both marked for Claude");

    claude.up = true;
    time.advance(reanalysisDelayMs(1));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 2);
    for (const id of [original.id, duplicate.id]) {
      const c = await stored(app, id);
      assert.equal(c.priority, "critical");
      assert.equal(historyOf(c, "reanalyzed").length, 1);
    }
    const alerts = sent(tg, "sendMessage");
    assert.equal(alerts.length, 1, JSON.stringify(alerts.map((a) => a.params.text)));
    assert.match(alerts[0].params.text, new RegExp(`/complaints/${original.id}`));
    assert.equal((await stored(app, duplicate.id)).alerts, undefined, "the duplicate has none");
  }));

Deno.test("a complaint another run holds the lease of is left to it, and read once the lease is given back", () =>
  withDownClaude({}, () => critical("quality"), async ({ app, claude, time }) => {
    const c = await ingest(app);
    claude.up = true;
    time.advance(reanalysisDelayMs(1));
    const key = `reanalyze:${c.id}`;
    assert.ok(await app.ctx.store.tryLease(key, "another-run", 60_000));
    const calls = claude.fake.requests.length;
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0);
    assert.equal(claude.fake.requests.length, calls, "not read while held");
    assert.ok((await stored(app, c.id)).modelRetryAt, "still due");

    await app.ctx.store.releaseLease(key, "another-run");
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 1);
    assert.ok(
      await app.ctx.store.tryLease(key, "a-later-run", 60_000),
      "the job gave its lease back",
    );
  }));

Deno.test("one run reads at most `limit` complaints; the rest wait for the next run", () =>
  withDownClaude({}, () => critical("quality"), async ({ app, claude, time }) => {
    const a = await ingest(app, "The kettle ORD-1001 makes a noise.");
    const b = await ingest(app, "My parcel ORD-2002 has not arrived yet.");
    claude.up = true;
    time.advance(reanalysisDelayMs(1));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline, 1), 1);
    const left = [await stored(app, a.id), await stored(app, b.id)].filter((c) => c.modelRetryAt);
    assert.equal(left.length, 1, "one left for the next run");
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline, 1), 1);
    assert.equal((await stored(app, left[0].id)).analysis?.analyzer, "claude");
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline, 1), 0);
  }));

Deno.test("a complaint that cannot be processed again does not stop the run: the others are read and its lease is given back", () =>
  withDownClaude({}, () => critical("quality"), async ({ app, claude, time }) => {
    const broken = await ingest(app, "The kettle ORD-1001 makes a noise.");
    const fine = await ingest(app, "My parcel ORD-2002 has not arrived yet.");
    await app.ctx.blobs.delete(broken.rawKey); // its email is gone: processing it throws
    claude.up = true;
    time.advance(reanalysisDelayMs(1));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 1);
    assert.equal((await stored(app, fine.id)).analysis?.analyzer, "claude");
    const after = await stored(app, broken.id);
    assert.equal(after.analysis?.analyzer, "local", "its triage is untouched");
    assert.equal(after.category, broken.category);
    assert.equal(historyOf(after, "reanalyzed").length, 0);
    assert.ok(await app.ctx.store.tryLease(`reanalyze:${broken.id}`, "a-later-run", 60_000));
    await app.ctx.store.releaseLease(`reanalyze:${broken.id}`, "a-later-run");
    // It backs off like a Claude failure (not tried at every run) and is given up in the end.
    assert.equal(after.modelRetryAttempts, 1);
    assert.equal(Date.parse(after.modelRetryAt!) - time.now().getTime(), reanalysisDelayMs(2));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0, "not due again yet");
    for (let attempt = 2; attempt <= app.ctx.config.RETRY_MAX_ATTEMPTS; attempt++) {
      time.advance(reanalysisDelayMs(attempt));
      await reanalyzeDue(app.ctx, app.ctx.pipeline);
    }
    const given = await stored(app, broken.id);
    assert.equal(given.modelRetryAt, undefined);
    assert.match(String(historyOf(given, "reanalysis_given_up")[0]?.details.reason), /missing/);
  }));

Deno.test("CLAUDE_BATCH: a batch that cannot be fetched is polled again a minute later; an item the batch could not answer is read by a normal call", () =>
  withDownClaude({ CLAUDE_BATCH: "true" }, () => critical("quality"), async (s) => {
    const { app, claude, time } = s;
    const a = await ingest(app, "The kettle ORD-1001 makes a noise.");
    const b = await ingest(app, "My parcel ORD-2002 has not arrived yet.");
    claude.up = true;
    const syncCalls = () => claude.fake.requests.length;
    const atIntake = syncCalls();

    time.advance(reanalysisDelayMs(1));
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0, "sent, not answered yet");
    assert.equal(claude.fake.batches.length, 1);
    assert.equal(syncCalls(), atIntake, "no synchronous call for a batched complaint");
    const [batch] = claude.fake.batches;
    for (const id of [a.id, b.id]) {
      const c = await stored(app, id);
      assert.equal(c.modelBatchId, batch.id);
      assert.equal(Date.parse(c.modelRetryAt!) - time.now().getTime(), 60_000, "polled in 1 min");
    }

    // The batch vanishes (expired, or another account): results cannot be fetched.
    claude.fake.batches.splice(0);
    time.advance(60_000);
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 0);
    for (const id of [a.id, b.id]) {
      const c = await stored(app, id);
      assert.equal(c.modelBatchId, batch.id, "still waiting on its batch");
      assert.equal(Date.parse(c.modelRetryAt!) - time.now().getTime(), 60_000, "asked again");
    }

    // Back, ended, and every item errored: each is read by a normal call instead.
    batch.ended = true;
    claude.fake.batches.push(batch);
    claude.fake.enqueue({ status: 500 }, { status: 500 }); // the two batch results
    time.advance(60_000);
    assert.equal(await reanalyzeDue(app.ctx, app.ctx.pipeline), 2);
    assert.equal(syncCalls(), atIntake + 2, "one synchronous call each");
    for (const id of [a.id, b.id]) {
      const c = await stored(app, id);
      assert.equal(c.analysis?.analyzer, "claude");
      assert.equal(c.priority, "critical");
      assert.equal(c.modelBatchId, undefined);
      assert.equal(c.modelRetryAt, undefined);
    }
  }));
