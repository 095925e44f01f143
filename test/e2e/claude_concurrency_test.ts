import assert from "node:assert/strict";
import { startFakeAnthropic } from "../fakes/anthropic.ts";
import { validAnalysis } from "../support/analysis.ts";
import { sampleEmail, startTestApp } from "../support/app.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";

const analysisReply = (delayMs = 0) => ({
  toolUse: { name: TOOL_NAME, input: validAnalysis },
  delayMs,
});

Deno.test("Claude calls are not bounded by the CPU limit: 12 mails with 1 CPU slot keep several calls in flight, never more than CLAUDE_CONCURRENCY", async () => {
  const fake = await startFakeAnthropic({ respond: () => analysisReply(300) });
  const app = await startTestApp({
    ANTHROPIC_API_KEY: fake.apiKey,
    ANTHROPIC_BASE_URL: fake.url,
    PROCESS_CONCURRENCY: "1",
    CLAUDE_CONCURRENCY: "5",
  });
  try {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      app.ingest(sampleEmail({
        messageId: `cc-${i}`,
        from: `C ${i} <c${i}@example.test>`,
        body: `Case ${i}: my ${["kettle", "toaster", "blender", "lamp"][i % 4]} order ORD-${
          700 + i
        }.`,
      }))));
    for (const res of answers) {
      assert.equal(res.status, 201);
      assert.equal((await res.json()).processing, "done");
    }
    assert.equal(fake.requests.length, 12, "one call per unique complaint");
    assert.ok(fake.peakInFlight >= 4, `peak ${fake.peakInFlight} calls in flight`);
    assert.ok(fake.peakInFlight <= 5, `peak ${fake.peakInFlight} over CLAUDE_CONCURRENCY`);
  } finally {
    await app.stop();
    await fake.stop();
  }
});

Deno.test("a 429 with retry-after met by one caller holds back every caller until it ends", async () => {
  const fake = await startFakeAnthropic({ respond: () => analysisReply() });
  fake.enqueue({ status: 429, retryAfter: 1 });
  const app = await startTestApp({
    ANTHROPIC_API_KEY: fake.apiKey,
    ANTHROPIC_BASE_URL: fake.url,
    CLAUDE_MAX_RETRY_WAIT_MS: "5000",
  });
  try {
    const first = app.ingest(sampleEmail({ messageId: "rl-0", body: "First: broken kettle." }));
    // Let the first call meet the 429, then send more mails while the pause runs.
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    const more = await Promise.all([1, 2, 3].map((i) =>
      app.ingest(sampleEmail({
        messageId: `rl-${i}`,
        from: `R ${i} <r${i}@example.test>`,
        body: `Mail ${i}: the ${["toaster", "lamp", "fan"][i - 1]} is broken.`,
      }))
    ));
    for (const res of [await first, ...more]) assert.equal(res.status, 201, await res.text());
    const limited = fake.requests[0].at;
    const later = fake.requests.slice(1);
    assert.equal(later.length, 4, "the retry and three new calls");
    for (const r of later) {
      assert.ok(
        r.at - limited >= 900,
        `a call ${r.at - limited} ms after the 429 (retry-after 1 s)`,
      );
    }
  } finally {
    await app.stop();
    await fake.stop();
  }
});
