import assert from "node:assert/strict";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { until } from "../../test/support/wait.ts";
import { createLogger } from "../../lib/log.ts";

async function withComplaint(fn: (app: TestApp, id: string) => Promise<void>) {
  const app = await startTestApp({ SUPPORT_FROM: "help@shop.example" }, {
    log: createLogger("error", () => {}),
  });
  try {
    const res = await app.ingest(sampleEmail({ messageId: crypto.randomUUID() }));
    const { id } = await res.json();
    await until(async () => (await app.ctx.store.getComplaint(id))?.processing.state === "done");
    await fn(app, id);
  } finally {
    await app.stop();
  }
}

const post = (app: TestApp, id: string, body: BodyInit, type?: string) =>
  app.api(`/complaints/${id}/replies`, {
    method: "POST",
    headers: type ? { "content-type": type } : {},
    body,
  });

Deno.test("POST /complaints/:id/replies answers 201 with the outbound message; GET lists it", () =>
  withComplaint(async (app, id) => {
    const res = await post(app, id, JSON.stringify({ text: "We are on it." }), "application/json");
    assert.equal(res.status, 201);
    const reply = await res.json();
    assert.equal(reply.id, reply.messageId);
    assert.match(reply.messageId, /@shop\.example$/);
    assert.equal(reply.state, "outbox");
    assert.match(reply.label, /not sent: no SMTP configured/);
    assert.equal(reply.by, "api");
    const list = await (await app.api(`/complaints/${id}/replies`)).json();
    assert.deepEqual(list.items.map((r: { messageId: string }) => r.messageId), [reply.messageId]);
    const complaint = await (await app.api(`/complaints/${id}`)).json();
    assert.equal(complaint.status, "waiting");
  }));

Deno.test("a reply posted as a form carries its file into the outbound mail", () =>
  withComplaint(async (app, id) => {
    const form = new FormData();
    form.set("text", "The label is attached.");
    form.append("files", new File(["LABEL-42"], "label.txt", { type: "text/plain" }));
    const res = await post(app, id, form);
    assert.equal(res.status, 201);
    const reply = await res.json();
    assert.deepEqual(reply.attachments, [
      { filename: "label.txt", contentType: "text/plain", size: 8 },
    ]);
    const complaint = (await app.ctx.store.getComplaint(id))!;
    const key = complaint.history.find((h) => h.action === "reply_not_sent")?.details.outbox;
    const raw = new TextDecoder().decode((await app.ctx.blobs.get(String(key)))!);
    assert.match(raw, /filename=label\.txt/);
    assert.match(raw, /TEFCRUwtNDI=|LABEL-42/);
  }));

Deno.test("bad replies get a clear 4xx: empty, unknown field, wrong type, unknown complaint", () =>
  withComplaint(async (app, id) => {
    const json = "application/json";
    const cases: [string, BodyInit, string | undefined, number][] = [
      [id, JSON.stringify({ text: "   " }), json, 422],
      [id, JSON.stringify({ text: "hi", cc: "x@evil.example" }), json, 422],
      [id, "{not json", json, 400],
      [id, "hello", "text/plain", 415],
      [id, JSON.stringify({ text: "x".repeat(20_001) }), json, 422],
      ["nope", JSON.stringify({ text: "hi" }), json, 404],
    ];
    for (const [target, body, type, status] of cases) {
      const res = await post(app, target, body, type);
      const answer = await res.json();
      assert.equal(res.status, status, `${String(body).slice(0, 40)} → ${JSON.stringify(answer)}`);
      assert.ok(answer.error?.message);
    }
    assert.equal((await app.api("/complaints/nope/replies")).status, 404);
    const complaint = (await app.ctx.store.getComplaint(id))!;
    assert.equal(complaint.messages.length, 0, "nothing was queued");
  }));
