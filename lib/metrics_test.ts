import assert from "node:assert/strict";
import { Metrics } from "./metrics.ts";

/** The value of one sample line (`name{labels} value`) in the exposition text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

Deno.test("counters render in the Prometheus text format with their labels", async () => {
  const m = new Metrics();
  m.ingest("created");
  m.ingest("created");
  m.ingest("rejected");
  m.processed("duplicate");
  m.alert("new", "sent");
  m.outbound("outbox");
  const { body, contentType } = await m.render();
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  assert.match(body, /# TYPE inbox_ingest_total counter/);
  assert.equal(sample(body, 'inbox_ingest_total{result="created"}'), 2);
  assert.equal(sample(body, 'inbox_ingest_total{result="rejected"}'), 1);
  assert.equal(sample(body, 'inbox_processed_total{outcome="duplicate"}'), 1);
  assert.equal(sample(body, 'inbox_alerts_total{kind="new",result="sent"}'), 1);
  assert.equal(sample(body, 'inbox_outbound_mail_total{state="outbox"}'), 1);
});

Deno.test("a timed stage is observed once per run, failed runs included", async () => {
  const m = new Metrics();
  assert.equal(await m.time("parse", () => Promise.resolve(7)), 7);
  await assert.rejects(m.time("parse", () => Promise.reject(new Error("bad mime"))), /bad mime/);
  const { body } = await m.render();
  assert.equal(sample(body, 'inbox_stage_duration_seconds_count{stage="parse"}'), 2);
  assert.equal(sample(body, 'inbox_stage_duration_seconds_bucket{le="+Inf",stage="parse"}'), 2);
});

Deno.test("Claude calls, errors and tokens are counted from analyses; cache hits and local reads cost none", async () => {
  const m = new Metrics();
  m.analysed({
    analyzer: "claude",
    cached: false,
    tokens: { input: 400, output: 150, cacheRead: 300, cacheWrite: 20, calls: 2 },
  });
  m.analysed({ analyzer: "claude", cached: true, tokens: { input: 999, output: 999 } });
  m.analysed({ analyzer: "local", cached: false });
  m.analysed({ analyzer: "local", cached: false, fallback: { from: "claude", reason: "529" } });
  const { body } = await m.render();
  assert.equal(sample(body, 'inbox_claude_calls_total{result="ok"}'), 2);
  assert.equal(sample(body, 'inbox_claude_calls_total{result="error"}'), 1);
  assert.equal(sample(body, 'inbox_claude_tokens_total{kind="input"}'), 400);
  assert.equal(sample(body, 'inbox_claude_tokens_total{kind="output"}'), 150);
  assert.equal(sample(body, 'inbox_claude_tokens_total{kind="cache_read"}'), 300);
  assert.equal(sample(body, 'inbox_claude_tokens_total{kind="cache_write"}'), 20);
  assert.equal(sample(body, 'inbox_analyses_total{analyzer="claude",cached="true"}'), 1);
  assert.equal(sample(body, 'inbox_analyses_total{analyzer="local",cached="false"}'), 2);
});

Deno.test("gauges are read when scraped, not when set", async () => {
  const m = new Metrics();
  let depth = 3;
  m.observe({ queueDepth: () => depth, inflightBytes: () => 2048 });
  assert.equal(sample((await m.render()).body, "inbox_queue_depth"), 3);
  depth = 0;
  const { body } = await m.render();
  assert.equal(sample(body, "inbox_queue_depth"), 0);
  assert.equal(sample(body, "inbox_ingest_inflight_bytes"), 2048);
  assert.ok(sample(body, "inbox_process_resident_memory_bytes")! > 0);
});

Deno.test("two Metrics never share counts (one registry per composition root)", async () => {
  const a = new Metrics();
  const b = new Metrics();
  a.ingest("accepted");
  assert.equal(sample((await a.render()).body, 'inbox_ingest_total{result="accepted"}'), 1);
  assert.equal(sample((await b.render()).body, 'inbox_ingest_total{result="accepted"}'), undefined);
});

Deno.test("HTTP requests are labelled by status class, and odd methods fold into OTHER", async () => {
  const m = new Metrics();
  m.request("api", "GET", 204, 0.01);
  m.request("api", "BREW", 418, 0.02);
  const { body } = await m.render();
  assert.equal(
    sample(body, 'inbox_http_request_duration_seconds_count{app="api",method="GET",status="2xx"}'),
    1,
  );
  assert.equal(
    sample(
      body,
      'inbox_http_request_duration_seconds_count{app="api",method="OTHER",status="4xx"}',
    ),
    1,
  );
});
