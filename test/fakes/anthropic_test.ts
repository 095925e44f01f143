import assert from "node:assert/strict";
import Anthropic from "@anthropic-ai/sdk";
import { type FakeAnthropic, startFakeAnthropic } from "./anthropic.ts";

const tool = {
  name: "record_analysis",
  description: "Record the analysis",
  input_schema: { type: "object" as const, properties: { category: { type: "string" } } },
};

async function withFake(fn: (fake: FakeAnthropic) => Promise<void>): Promise<void> {
  const fake = await startFakeAnthropic();
  try {
    await fn(fake);
  } finally {
    await fake.stop();
  }
}

function ask(client: Anthropic) {
  return client.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 256,
    tools: [tool],
    tool_choice: { type: "tool", name: tool.name },
    messages: [{ role: "user", content: "The parcel arrived broken." }],
  });
}

Deno.test("fake Anthropic answers a tool_use reply the SDK parses, and records the request", () =>
  withFake(async (fake) => {
    fake.enqueue({ toolUse: { name: tool.name, input: { category: "delivery" } } });
    const client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0 });
    const message = await ask(client);
    assert.equal(message.stop_reason, "tool_use");
    const block = message.content[0];
    assert.equal(block.type, "tool_use");
    assert.deepEqual(block.type === "tool_use" && block.input, { category: "delivery" });
    assert.equal(fake.requests.length, 1);
    // SDK 1.x sends the API key as a Bearer token.
    assert.equal(fake.requests[0].headers.authorization, `Bearer ${fake.apiKey}`);
    assert.equal(fake.requests[0].body.tool_choice.name, tool.name);
    assert.equal(fake.requests[0].body.messages[0].content, "The parcel arrived broken.");
  }));

Deno.test("fake Anthropic accepts x-api-key or an auth token and refuses a wrong key", () =>
  withFake(async (fake) => {
    fake.enqueue({ text: "hello" }, { text: "again" });
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ model: "m", max_tokens: 1, messages: [] }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).content, [{ type: "text", text: "hello" }]);
    const bearer = new Anthropic({ authToken: fake.apiKey, baseURL: fake.url });
    const message = await bearer.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 16,
      messages: [{ role: "user", content: "hi" }],
    });
    assert.deepEqual(message.content, [{ type: "text", text: "again" }]);
    const wrong = new Anthropic({ apiKey: "wrong", baseURL: fake.url, maxRetries: 0 });
    await assert.rejects(ask(wrong), Anthropic.AuthenticationError);
    assert.equal(fake.requests.length, 2);
  }));

Deno.test("fake Anthropic: a 429 with retry-after is retried by the SDK, a 529 surfaces", () =>
  withFake(async (fake) => {
    fake.enqueue(
      { status: 429, retryAfter: 0.05 },
      { toolUse: { name: tool.name, input: { category: "billing" } } },
    );
    const client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 1 });
    const message = await ask(client);
    assert.equal(message.content[0].type, "tool_use");
    assert.equal(fake.requests.length, 2);
    fake.enqueue({ status: 529 });
    const once = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0 });
    const error = await ask(once).then(() => null, (e) => e);
    assert.ok(error instanceof Anthropic.APIError, `expected APIError, got ${error}`);
    assert.equal(error.status, 529);
  }));

Deno.test("fake Anthropic: a delayed reply trips the SDK timeout", () =>
  withFake(async (fake) => {
    fake.enqueue({ text: "late", delayMs: 5_000 });
    const client = new Anthropic({
      apiKey: fake.apiKey,
      baseURL: fake.url,
      maxRetries: 0,
      timeout: 200,
    });
    await assert.rejects(ask(client), Anthropic.APIConnectionTimeoutError);
  }));
