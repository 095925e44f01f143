import assert from "node:assert/strict";
import { until } from "../test/support/wait.ts";
import { FlakyAnalyzer } from "../test/support/flaky_analyzer.ts";
import { sampleEmail, startTestApp, type TestApp } from "../test/support/app.ts";
import { startJobDriver, startJobs } from "./jobs.ts";
import { createContext } from "./context.ts";
import { createLogger } from "./log.ts";
import { parseConfig } from "./config.ts";
import { resolveSecrets } from "./secrets.ts";

const quiet = createLogger("error", () => {});

/** Ingest one message while the analyzer is down: a complaint marked failed, due in 1 minute. */
async function failedComplaint(app: TestApp): Promise<string> {
  const res = await app.ingest(sampleEmail({ messageId: "jobs-1" }));
  assert.equal(res.status, 201);
  const { id, processing } = await res.json();
  assert.equal(processing, "failed");
  return id;
}

Deno.test("startJobs retries a failed complaint that is due on its first tick", async () => {
  let now = new Date("2026-09-07T10:00:00.000Z");
  const app = await startTestApp({}, {
    analyzer: new FlakyAnalyzer(1),
    now: () => now,
    log: quiet,
  });
  try {
    const id = await failedComplaint(app);
    now = new Date(now.getTime() + 10 * 60_000);
    const jobs = startJobs(app.ctx);
    jobs.stop();
    await jobs.drain();
    const done = await app.ctx.store.getComplaint(id);
    assert.equal(done?.processing.state, "done");
    assert.equal(done?.processing.attempts, 2);
    assert.ok(done?.analysis);
    assert.equal(
      (await app.ctx.store.getProcessedEmail("mid:jobs-1@example.test"))?.outcome,
      "created",
    );
  } finally {
    await app.stop();
  }
});

Deno.test("startJobs leaves a failed complaint alone before its backoff has passed", async () => {
  let now = new Date("2026-09-07T10:00:00.000Z");
  const app = await startTestApp({}, {
    analyzer: new FlakyAnalyzer(1),
    now: () => now,
    log: quiet,
  });
  try {
    const id = await failedComplaint(app);
    now = new Date(now.getTime() + 30_000);
    const jobs = startJobs(app.ctx);
    jobs.stop();
    await jobs.drain();
    const still = await app.ctx.store.getComplaint(id);
    assert.equal(still?.processing.state, "failed");
    assert.equal(still?.processing.attempts, 1);
  } finally {
    await app.stop();
  }
});

Deno.test("later ticks retry what became due; after stop() + drain() no tick runs", async () => {
  let now = new Date("2026-09-07T10:00:00.000Z");
  const analyzer = new FlakyAnalyzer(1);
  const app = await startTestApp(
    { RETRY_INTERVAL_SECONDS: "1", ESCALATION_INTERVAL_SECONDS: "1" },
    {
      analyzer,
      now: () => now,
    },
  );
  try {
    const id = await failedComplaint(app);
    const jobs = startJobs(app.ctx);
    try {
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await app.ctx.store.getComplaint(id))?.processing.state, "failed");
      now = new Date(now.getTime() + 10 * 60_000);
      const state = async () => (await app.ctx.store.getComplaint(id))?.processing.state;
      await until(async () => await state() === "done", 5_000, "an interval tick");
    } finally {
      jobs.stop();
      await jobs.drain();
    }

    // A second failure, due after stop(): nothing picks it up any more.
    analyzer.failures = 1;
    // Different text, so the analysis cache cannot answer for the analyzer.
    const res = await app.ingest(sampleEmail({
      messageId: "jobs-2",
      subject: "Charged twice for my subscription",
      body: "My card was charged twice this month for the same subscription.",
    }));
    const second = (await res.json()).id;
    assert.equal((await app.ctx.store.getComplaint(second))?.processing.state, "failed");
    now = new Date(now.getTime() + 10 * 60_000);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal((await app.ctx.store.getComplaint(second))?.processing.state, "failed");
    // Deno's sanitizers fail this test if an interval or a pending op outlives it.
  } finally {
    await app.stop();
  }
});

Deno.test("job errors are logged, never thrown, and drain() still resolves", async () => {
  const lines: string[] = [];
  const dir = await Deno.makeTempDir({ prefix: "jobs-test-" });
  const config = await resolveSecrets(parseConfig({ DATA_DIR: dir }), () => {});
  const ctx = await createContext(config, { log: createLogger("error", (l) => lines.push(l)) });
  await ctx.store.close(); // every store call now throws
  try {
    const jobs = startJobs(ctx);
    jobs.stop();
    await jobs.drain();
    const events = lines.map((l) => JSON.parse(l).event);
    assert.ok(events.includes("retry_job_failed"), events.join(","));
    assert.ok(events.includes("escalation_job_failed"), events.join(","));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("POST /jobs/run (API token only) runs retries and escalation once, for any outside scheduler", async () => {
  let now = new Date("2026-09-07T10:00:00.000Z");
  const app = await startTestApp({ JOBS_DRIVER: "external" }, {
    analyzer: new FlakyAnalyzer(1),
    now: () => now,
    log: quiet,
  });
  try {
    const id = await failedComplaint(app);
    now = new Date(now.getTime() + 10 * 60_000);
    const anonymous = await fetch(`${app.url}/functions/v1/api/jobs/run`, { method: "POST" });
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
    const res = await app.api("/jobs/run", { method: "POST" });
    assert.equal(res.status, 200);
    const run = await res.json();
    assert.equal(run.retried, 1);
    assert.equal((await app.ctx.store.getComplaint(id))?.processing.state, "done");
    const again = await (await app.api("/jobs/run", { method: "POST" })).json();
    assert.equal(again.retried, 0, "nothing left to retry");
  } finally {
    await app.stop();
  }
});

Deno.test("the job driver is chosen by JOBS_DRIVER: cron registers a one-minute Deno.cron, and fails clearly without one", async () => {
  const app = await startTestApp({ JOBS_DRIVER: "cron" }, { log: quiet });
  try {
    const registered: [string, string][] = [];
    let handler: (() => Promise<void>) | undefined;
    const jobs = startJobDriver(app.ctx, (name, schedule, h) => {
      registered.push([name, schedule]);
      handler = h;
      return Promise.resolve();
    });
    assert.deepEqual(registered, [["inbox-triage-jobs", "* * * * *"]]);
    await handler!(); // a tick runs the jobs (nothing to do here) without throwing
    await jobs.drain();
    assert.throws(() => startJobDriver(app.ctx, undefined), /JOBS_DRIVER=cron needs Deno\.cron/);
  } finally {
    await app.stop();
  }
});
