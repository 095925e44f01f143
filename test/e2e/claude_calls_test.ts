import assert from "node:assert/strict";
import { startFakeAnthropic } from "../fakes/anthropic.ts";
import { validAnalysis } from "../support/analysis.ts";
import { sampleEmail, startTestApp } from "../support/app.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";

const USAGE = {
  input_tokens: 400,
  output_tokens: 150,
  cache_read_input_tokens: 1600,
  cache_creation_input_tokens: 0,
};

Deno.test("at most one Claude call per unique complaint: resends, exact repeats, replies, auto-replies and a flooding sender make none; /stats counts calls, tokens and cost", async () => {
  const fake = await startFakeAnthropic({
    respond: () => ({ toolUse: { name: TOOL_NAME, input: validAnalysis }, usage: USAGE }),
  });
  const app = await startTestApp({
    ANTHROPIC_API_KEY: fake.apiKey,
    ANTHROPIC_BASE_URL: fake.url,
    FLOOD_MAX_PER_HOUR: "3",
    CLAUDE_PRICES: "claude-haiku-5-5:1/5",
  });
  try {
    const post = async (raw: string) => {
      const res = await app.ingest(raw);
      const body = await res.json();
      assert.ok(res.status === 200 || res.status === 201, JSON.stringify(body));
      return body;
    };
    // Two unique complaints: two calls.
    const a = await post(
      sampleEmail({ messageId: "calls-a", body: "My parcel ORD-1001 is lost." }),
    );
    await post(sampleEmail({
      messageId: "calls-b",
      from: "Boris <boris@example.test>",
      body: "The kettle from ORD-2002 sparks when switched on.",
    }));
    assert.equal(fake.requests.length, 2);

    // The same message again, and the same words under a new Message-ID: no call.
    await post(sampleEmail({ messageId: "calls-a", body: "My parcel ORD-1001 is lost." }));
    const repeat = await post(
      sampleEmail({ messageId: "calls-a2", body: "My parcel ORD-1001 is lost." }),
    );
    assert.equal(repeat.duplicateOf, a.id);
    // The same words dated the next day: the cache cannot answer, the original's record can.
    const nextDay = await post(
      sampleEmail({ messageId: "calls-a3", body: "My parcel ORD-1001 is lost." })
        .replace("Date: Mon, 07 Sep 2026", "Date: Tue, 08 Sep 2026"),
    );
    assert.equal(nextDay.duplicateOf, a.id);
    const stored = await (await app.api(`/complaints/${nextDay.id}`)).json();
    assert.equal(stored.analysis.skipped, "exact_duplicate");
    // The customer answers in the thread; an out-of-office arrives: no call.
    const reply = await post(sampleEmail({
      messageId: "calls-a-reply",
      subject: "Re: My order ORD-12345 has not arrived",
      body: "Any news? This is urgent, I need it by Friday!",
      extraHeaders: ["In-Reply-To: <calls-a@example.test>"],
    }));
    assert.equal(reply.threaded, true);
    await post(sampleEmail({
      messageId: "calls-ooo",
      from: "Carol <carol@example.test>",
      subject: "Automatic reply: out of office",
      body: "I am out of the office until Monday.",
      extraHeaders: ["Auto-Submitted: auto-replied"],
    }));
    assert.equal(fake.requests.length, 2, "none of these asked Claude");

    // A sender flooding (over FLOOD_MAX_PER_HOUR mails in the hour) is read locally.
    for (let i = 0; i < 5; i++) {
      await post(sampleEmail({
        messageId: `calls-flood-${i}`,
        from: "Flood <flood@example.test>",
        subject: `Complaint number ${i}`,
        body: `Different words each time, number ${i}: the app crashed ${i} times today.`,
      }));
    }
    assert.equal(fake.requests.length, 2 + 3, "the first three of the sender's mails only");
    const { items } = await (await app.api("/complaints?limit=100")).json();
    const flooded = items.filter((c: { customer: { email: string } }) =>
      c.customer.email === "flood@example.test"
    );
    assert.equal(
      flooded.filter((c: { analysis: { skipped?: string } }) => c.analysis.skipped === "flood")
        .length,
      2,
    );

    const stats = await (await app.api("/stats")).json();
    assert.equal(stats.claude.length, 1, "one day");
    const [day] = stats.claude;
    assert.equal(day.calls, 5);
    assert.equal(day.input, 5 * 2000);
    assert.equal(day.cacheRead, 5 * 1600);
    assert.equal(day.output, 5 * 150);
    // 5 × (400 plain × $1 + 1600 cached × $0.10 + 150 out × $5) per million
    assert.equal(day.costUsd, 5 * (400 + 160 + 750) / 1e6);
  } finally {
    await app.stop();
    await fake.stop();
  }
});
