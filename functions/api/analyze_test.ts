import assert from "node:assert/strict";
import { startFakeAnthropic } from "../../test/fakes/anthropic.ts";
import { validAnalysis } from "../../test/support/analysis.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";
import { analysisSchema } from "../../lib/analyze/schema.ts";

async function withApp(env: Record<string, string>, fn: (app: TestApp) => Promise<void>) {
  const app = await startTestApp(env);
  try {
    await fn(app);
  } finally {
    await app.stop();
  }
}

const post = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const complaint = {
  customer_email: "anna@example.test",
  subject: "Refund for order ORD-77123",
  content: "I returned the toaster two weeks ago and the refund of 49,99 € has not arrived.",
};

Deno.test("POST /analyze answers a complete analysis from the local analyzer, then from cache", () =>
  withApp({}, async (app) => {
    const res = await app.api("/analyze", post(complaint));
    assert.equal(res.status, 200);
    const body = await res.json();
    const { meta, tags, ...analysis } = body;
    assert.equal(analysisSchema.safeParse(analysis).success, true, JSON.stringify(analysis));
    assert.ok(Array.isArray(tags));
    assert.ok(body.entities.orderNumbers.includes("ORD-77123"));
    assert.equal(meta.analyzer, "local");
    assert.equal(meta.cached, false);
    const again = await (await app.api("/analyze", post(complaint))).json();
    assert.equal(again.meta.cached, true);
    assert.equal(again.category, body.category);
    assert.equal(await app.ctx.store.stats().then((s) => s.total), 0, "nothing is stored");
  }));

Deno.test("POST /analyze validates its body: 422 names the field, 415 for non-JSON, 401 without token", () =>
  withApp({}, async (app) => {
    const missing = await app.api("/analyze", post({ customer_email: "a@example.test" }));
    assert.equal(missing.status, 422);
    assert.match((await missing.json()).error.message, /content/);
    const extra = await app.api("/analyze", post({ ...complaint, priority: "low" }));
    assert.equal(extra.status, 422);
    assert.match((await extra.json()).error.message, /unknown field/);
    const badB64 = await app.api(
      "/analyze",
      post({ ...complaint, attachments: [{ filename: "a.txt", content: "%%%" }] }),
    );
    assert.equal(badB64.status, 422);
    await badB64.body?.cancel();
    const text = await app.api("/analyze", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    assert.equal(text.status, 415);
    await text.body?.cancel();
    const anon = await fetch(`${app.url}/functions/v1/api/analyze`, post(complaint));
    assert.equal(anon.status, 401);
    await anon.body?.cancel();
  }));

Deno.test("POST /analyze uses Claude when configured, with text attachments fenced in the request", async () => {
  const fake = await startFakeAnthropic();
  try {
    await withApp({ ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.url }, async (app) => {
      fake.enqueue({ toolUse: { name: TOOL_NAME, input: validAnalysis } });
      const note = btoa("Receipt: ORD-77123, paid 49.99 EUR");
      const res = await app.api(
        "/analyze",
        post({
          ...complaint,
          attachments: [{ filename: "receipt.txt", content_type: "text/plain", content: note }],
        }),
      );
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.meta.analyzer, "claude");
      assert.equal(body.meta.model, "claude-haiku-5-5");
      assert.ok(body.meta.tokens.input > 0);
      assert.equal(body.priority, validAnalysis.priority);
      const text: string = fake.requests[0].body.messages[0].content.at(-1).text;
      assert.match(text, /<attachment n="1">\nReceipt: ORD-77123, paid 49.99 EUR\n<\/attachment>/);
    });
  } finally {
    await fake.stop();
  }
});

Deno.test("POST /extract-entities finds orders, amounts, dates, phones and e-mails in text", () =>
  withApp({}, async (app) => {
    const res = await app.api(
      "/extract-entities",
      post({
        text:
          "Order ORD-12345 paid $49.99 on 2026-03-01. Call +7 701 123 45 67 or mail Anna@Example.kz.",
        received_at: "2026-03-05T10:00:00Z",
      }),
    );
    assert.equal(res.status, 200);
    const e = await res.json();
    assert.ok(e.orderNumbers.includes("ORD-12345"), JSON.stringify(e));
    assert.deepEqual(e.amounts, [{ value: 49.99, currency: "USD" }]);
    assert.ok(e.dates.includes("2026-03-01"));
    assert.equal(e.phones.length, 1);
    assert.deepEqual(e.emails, ["anna@example.kz"]);
    const empty = await app.api("/extract-entities", post({ text: "" }));
    assert.equal(empty.status, 422);
    await empty.body?.cancel();
  }));

Deno.test("GET /categories lists ids, labels, descriptions and the configured teams", () =>
  withApp({ ESCALATION_TEAMS: "billing:finance" }, async (app) => {
    const { items } = await (await app.api("/categories")).json();
    assert.equal(items.length, 6);
    for (const item of items) {
      assert.deepEqual(Object.keys(item).sort(), ["description", "id", "label", "team"]);
    }
    assert.equal(items.find((i: { id: string }) => i.id === "billing").team, "finance");
    assert.equal(items.find((i: { id: string }) => i.id === "delivery").team, "logistics");
  }));
