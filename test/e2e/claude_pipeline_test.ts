import assert from "node:assert/strict";
import { type FakeAnthropic, startFakeAnthropic } from "../fakes/anthropic.ts";
import { startRedis } from "../harness/redis.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { startUpstashShim } from "../harness/upstash_shim.ts";
import { validAnalysis } from "../support/analysis.ts";
import { sampleEmail, startTestApp, type TestApp } from "../support/app.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";
import type { Complaint } from "../../lib/schema/complaint.ts";

// The real factory picks Claude (wrapped in the local fallback) from ANTHROPIC_API_KEY, and the
// SDK reaches the fake through ANTHROPIC_BASE_URL.
async function withClaudeApp(
  env: Record<string, string>,
  fn: (app: TestApp, fake: FakeAnthropic) => Promise<void>,
): Promise<void> {
  const fake = await startFakeAnthropic();
  try {
    const app = await startTestApp({
      ANTHROPIC_API_KEY: fake.apiKey,
      ANTHROPIC_BASE_URL: fake.url,
      ...env,
    });
    try {
      await fn(app, fake);
    } finally {
      await app.stop();
    }
  } finally {
    await fake.stop();
  }
}

async function ingested(app: TestApp, raw: string): Promise<Complaint> {
  const res = await app.ingest(raw);
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = await res.json();
  return await (await app.api(`/complaints/${id}`)).json();
}

const critical = {
  ...validAnalysis,
  priority: "critical",
  flags: { ...validAnalysis.flags, fraud: true },
  escalationLevel: 3,
};

Deno.test("with a Claude key, ingest stores Claude's analysis with model, tokens, flags and team", () =>
  withClaudeApp({}, async (app, fake) => {
    fake.enqueue({ toolUse: { name: TOOL_NAME, input: critical } });
    const c = await ingested(app, sampleEmail({ subject: "Charged twice", body: "Two charges." }));
    assert.equal(fake.requests.length, 1);
    assert.equal(c.priority, "critical");
    assert.equal(c.category, "billing");
    assert.equal(c.sentimentScore, validAnalysis.sentimentScore);
    assert.deepEqual(c.flags, critical.flags);
    assert.ok(c.tags.includes("fraud"));
    assert.equal(c.escalationLevel, 3);
    assert.deepEqual(c.entities.emails, validAnalysis.entities.emails);
    assert.equal(c.analysis?.analyzer, "claude");
    assert.equal(c.analysis?.model, "claude-haiku-5-5");
    assert.equal(c.analysis?.version, "claude-1:claude-haiku-5-5");
    assert.equal(c.analysis?.cached, false);
    assert.equal(c.analysis?.suggestedTeam, "billing");
    assert.equal(c.analysis?.fallback, undefined);
    assert.deepEqual(c.analysis?.tokens, {
      input: JSON.stringify(fake.requests[0].body).length,
      output: 10,
      cacheRead: 0,
      cacheWrite: 0,
      calls: 1,
    });
    assert.equal(c.analysis?.summary, validAnalysis.summary);
  }));

Deno.test("the same content again is answered from the cache without calling Claude", () =>
  withClaudeApp({}, async (app, fake) => {
    fake.enqueue({ toolUse: { name: TOOL_NAME, input: validAnalysis } });
    const body = "The kettle I bought leaks from the bottom.";
    const first = await ingested(app, sampleEmail({ subject: "Leaking kettle", body }));
    const second = await ingested(app, sampleEmail({ subject: "Leaking kettle", body }));
    assert.equal(fake.requests.length, 1);
    assert.equal(first.analysis?.cached, false);
    assert.equal(second.analysis?.cached, true);
    assert.equal(second.analysis?.analyzer, "claude");
    assert.equal(second.priority, validAnalysis.priority);
  }));

Deno.test("a Claude timeout falls back to the local analyzer and the complaint records it", () =>
  withClaudeApp({ CLAUDE_TIMEOUT_MS: "300" }, async (app, fake) => {
    fake.enqueue({ toolUse: { name: TOOL_NAME, input: validAnalysis }, delayMs: 3000 });
    const started = performance.now();
    const c = await ingested(
      app,
      sampleEmail({ subject: "Parcel lost", body: "My parcel ORD-31337 never arrived." }),
    );
    assert.ok(performance.now() - started < 2500);
    assert.equal(c.processing.state, "done");
    assert.equal(c.analysis?.analyzer, "local");
    assert.equal(c.analysis?.fallback?.from, "claude");
    assert.match(c.analysis!.fallback!.reason, /time/i);
    assert.equal(c.language, "en");
  }));

Deno.test("a 529 then success is retried inside one ingest", () =>
  withClaudeApp({}, async (app, fake) => {
    fake.enqueue({ status: 529 }, { toolUse: { name: TOOL_NAME, input: validAnalysis } });
    const c = await ingested(app, sampleEmail({ subject: "Broken", body: "It broke." }));
    assert.equal(fake.requests.length, 2);
    assert.equal(c.analysis?.analyzer, "claude");
  }));

Deno.test({
  name:
    "with UPSTASH_REDIS_REST_URL and token the analysis cache is Upstash and a hit skips Claude",
  ignore: skipUnless("redis-server", !!findBinary("redis-server")),
  fn: async () => {
    const redis = await startRedis();
    const shim = await startUpstashShim(redis.port, "e2e-token");
    try {
      await withClaudeApp(
        { UPSTASH_REDIS_REST_URL: shim.url, UPSTASH_REDIS_REST_TOKEN: shim.token },
        async (app, fake) => {
          assert.equal(app.ctx.cache.name, "upstash");
          fake.enqueue({ toolUse: { name: TOOL_NAME, input: validAnalysis } });
          const body = "Refund for the returned blender is three weeks late.";
          await ingested(app, sampleEmail({ subject: "Refund late", body }));
          const again = await ingested(app, sampleEmail({ subject: "Refund late", body }));
          assert.equal(fake.requests.length, 1);
          assert.equal(again.analysis?.cached, true);
        },
      );
    } finally {
      await shim.stop();
      await redis.stop();
    }
  },
});
