import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { GatedAnalyzer } from "../../test/support/gated_analyzer.ts";
import { startFakeAnthropic } from "../../test/fakes/anthropic.ts";
import { validAnalysis } from "../../test/support/analysis.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";
import { until } from "../../test/support/wait.ts";

function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  return await res.text();
}

Deno.test("GET /metrics refuses a request without the token with 401, and takes METRICS_TOKEN instead of the API token when set", async () => {
  const app = await startTestApp({ METRICS_TOKEN: "scraper-secret-123" });
  try {
    const none = await fetch(`${app.url}/metrics`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get("www-authenticate") ?? "", /Bearer/);
    assert.equal((await none.json()).error.code, "unauthorized");
    const api = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${app.apiToken}` },
    });
    assert.equal(api.status, 401);
    await api.body?.cancel();
    assert.match(await scrape(app.url, "scraper-secret-123"), /inbox_ingest_total/);
  } finally {
    await app.stop();
  }
});

Deno.test("after intake, /metrics shows ingest by outcome, processing outcomes, stage timings, alerts and requests", async () => {
  const app = await startTestApp({ TELEGRAM_MIN_PRIORITY: "low" }); // every complaint alerts
  try {
    const urgent = sampleEmail({
      messageId: "metrics-1",
      subject: "URGENT: charged twice, refund now",
      body: "You charged my card twice for ORD-4411. This is fraud, refund immediately!",
    });
    assert.equal((await app.ingest(urgent)).status, 201);
    assert.equal((await app.ingest(urgent)).status, 200); // a resend: the same complaint
    const bad = await app.ingest("not an email at all");
    assert.equal(bad.status, 422);
    await bad.body?.cancel();
    const text = await scrape(app.url, app.apiToken);
    assert.equal(sample(text, 'inbox_ingest_total{result="created"}'), 1);
    assert.equal(sample(text, 'inbox_ingest_total{result="existing"}'), 1);
    assert.equal(sample(text, 'inbox_ingest_total{result="rejected"}'), 1);
    assert.equal(sample(text, 'inbox_processed_total{outcome="created"}'), 1);
    for (const stage of ["store_raw", "parse", "attachments", "analyze", "process"]) {
      assert.ok(
        sample(text, `inbox_stage_duration_seconds_count{stage="${stage}"}`)! >= 1,
        `stage ${stage} timed`,
      );
    }
    assert.equal(sample(text, 'inbox_alerts_total{kind="new",result="sent"}'), 1);
    assert.ok(
      sample(
        text,
        'inbox_http_request_duration_seconds_count{app="ingest",method="POST",status="2xx"}',
      )! >= 2,
    );
    assert.equal(
      sample(
        text,
        'inbox_http_request_duration_seconds_count{app="ingest",method="POST",status="4xx"}',
      ),
      1,
    );
  } finally {
    await app.stop();
  }
});

Deno.test("the queue depth gauge counts messages waiting in processing, and falls to 0 when done", async () => {
  const analyzer = new GatedAnalyzer();
  const app = await startTestApp({}, { analyzer });
  try {
    for (let i = 0; i < 3; i++) {
      const res = await app.ingest(
        sampleEmail({
          messageId: `queued-${i}`,
          from: `Customer ${i} <c${i}@example.test>`,
          subject: ["Refund missing", "Broken kettle", "Login fails"][i],
          body: [
            "My refund for ORD-701 never came.",
            "The kettle from ORD-702 sparks.",
            "I cannot log in since Monday.",
          ][i],
        }),
        { prefer: "respond-async" },
      );
      assert.equal(res.status, 202, await res.text());
    }
    await until(() => analyzer.waiting > 0);
    assert.equal(sample(await scrape(app.url, app.apiToken), "inbox_queue_depth"), 3);
    analyzer.open();
    await app.ctx.pipeline.drain();
    const text = await scrape(app.url, app.apiToken);
    assert.equal(sample(text, "inbox_queue_depth"), 0);
    assert.equal(sample(text, 'inbox_ingest_total{result="accepted"}'), 3);
    assert.equal(sample(text, 'inbox_processed_total{outcome="created"}'), 3);
  } finally {
    await app.stop();
  }
});

Deno.test("Claude's calls and tokens reach /metrics through the real SDK", async () => {
  const fake = await startFakeAnthropic({
    respond: () => ({
      toolUse: { name: TOOL_NAME, input: validAnalysis },
      usage: {
        input_tokens: 400,
        output_tokens: 150,
        cache_read_input_tokens: 1600,
        cache_creation_input_tokens: 0,
      },
    }),
  });
  const app = await startTestApp({ ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.url });
  try {
    assert.equal((await app.ingest(sampleEmail({ messageId: "claude-metrics" }))).status, 201);
    const text = await scrape(app.url, app.apiToken);
    assert.equal(sample(text, 'inbox_claude_calls_total{result="ok"}'), fake.requests.length);
    assert.equal(sample(text, 'inbox_claude_tokens_total{kind="output"}'), 150);
    assert.equal(sample(text, 'inbox_claude_tokens_total{kind="cache_read"}'), 1600);
  } finally {
    await app.stop();
    await fake.stop();
  }
});
