import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../support/app.ts";

const H = 3_600_000;

Deno.test("the SLA clock with a controllable clock: first response met by the first reply, paused while waiting on the customer, moved on their answer", async () => {
  let t = Date.parse("2026-12-07T04:00:00.000Z");
  const app = await startTestApp(
    { SLA_FIRST_RESPONSE_HOURS: "low:1,medium:1,high:1,critical:1", SLA_MEDIUM_HOURS: "8" },
    { now: () => new Date(t) },
  );
  try {
    const res = await app.ingest(sampleEmail({
      messageId: "sla-clock-1@example.net",
      subject: "Where is my parcel",
      body: "My order ORD-12345 has not arrived yet.",
    }));
    const { id } = await res.json();
    await app.api(`/complaints/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ priority: "medium" }),
    }).then((r) => r.body?.cancel());
    const read = async () => await (await app.api(`/complaints/${id}`)).json();
    let c = await read();
    const received = Date.parse(c.receivedAt);
    assert.equal(c.slaDueAt, new Date(received + 1 * H).toISOString(), "first response due first");
    assert.equal(c.slaResolutionDueAt, new Date(received + 8 * H).toISOString());

    t += 0.5 * H;
    const reply = await app.api(`/complaints/${id}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "We are checking with the courier." }),
    });
    assert.equal(reply.status, 201);
    await reply.body?.cancel();
    c = await read();
    assert.equal(c.status, "waiting");
    assert.equal(c.slaClock.firstResponseAt, new Date(t).toISOString());
    assert.equal(c.slaDueAt, undefined, "no deadline while waiting on the customer");
    const overdue = async () =>
      (await (await app.api(`/complaints?sla=overdue&slaNow=${new Date(t).toISOString()}`))
        .json()).items.map((x: { id: string }) => x.id);
    t += 10 * H; // the customer takes long: past the 8 h target, but we were waiting
    assert.deepEqual(await overdue(), []);

    const ourReply = c.messages.find((m: { direction: string }) => m.direction === "outbound");
    const answer = await app.ingest(sampleEmail({
      messageId: "sla-clock-2@example.net",
      subject: `Re: ${ourReply.subject}`,
      body: "It still has not come.",
      extraHeaders: [`In-Reply-To: <${ourReply.messageId}>`],
    }));
    assert.equal(answer.status, 200, await answer.clone().text());
    await answer.body?.cancel();
    c = await read();
    assert.equal(c.status, "in_progress");
    assert.equal(c.slaClock.pausedMs, 10 * H);
    assert.equal(c.slaDueAt, new Date(received + 18 * H).toISOString(), "8 h target + 10 h waited");
    t = received + 18 * H + 1;
    assert.deepEqual(await overdue(), [id]);
  } finally {
    await app.stop();
  }
});
