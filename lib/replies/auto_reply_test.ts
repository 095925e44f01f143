import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";

Deno.test("AUTO_REPLY_RULES: a confident complaint of an allowed category is answered by itself, marked and listed; others get drafts only and the plain acknowledgement", async () => {
  const app = await startTestApp({
    AUTO_REPLY_RULES: "delivery:0.1",
    ACK_ENABLED: "true",
    ACK_MIN_INTERVAL_MINUTES: "0",
  });
  try {
    const post = async (n: number, subject: string, body: string) =>
      (await (await app.ingest(sampleEmail({
        messageId: `auto-${n}`,
        from: `C${n} <c${n}@example.net>`,
        subject,
        body,
      }))).json()).id as string;
    const late = await post(
      1,
      "Parcel late",
      "My order ORD-12345 has not arrived, the courier never came.",
    );
    const bill = await post(2, "Charged twice", "You charged my card twice for order ORD-54321.");

    const a = (await app.ctx.store.getComplaint(late))!;
    assert.equal(a.category, "delivery");
    assert.ok(a.autoRepliedAt);
    const out = a.messages.filter((m) => m.direction === "outbound");
    assert.equal(out.length, 1, "the automatic answer instead of the acknowledgement");
    assert.equal(out[0].auto, true);
    assert.equal(out[0].by, "auto-reply");
    assert.ok(a.history.some((h) => h.action === "auto_reply_sent"));
    assert.notEqual(a.status, "waiting", "an automatic answer does not put it on the customer");

    const b = (await app.ctx.store.getComplaint(bill))!;
    assert.equal(b.autoRepliedAt, undefined);
    const ack = b.messages.filter((m) => m.direction === "outbound");
    assert.equal(ack.length, 1);
    assert.match(ack[0].text, /registered it under the reference/, "the plain acknowledgement");

    const listed = await (await app.api("/complaints?autoReplied=true")).json();
    assert.deepEqual(listed.items.map((c: { id: string }) => c.id), [late]);
  } finally {
    await app.stop();
  }
});

Deno.test("a bad AUTO_REPLY_RULES entry stops start-up", async () => {
  const { parseConfig } = await import("../config.ts");
  assert.throws(() => parseConfig({ AUTO_REPLY_RULES: "shipping:0.9" }), /AUTO_REPLY_RULES/);
  assert.throws(() => parseConfig({ AUTO_REPLY_RULES: "delivery:2" }), /AUTO_REPLY_RULES/);
});
