import assert from "node:assert/strict";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function post(app: TestApp, messageId: string, body: string, subject: string) {
  const res = await app.ingest(sampleEmail({
    messageId,
    from: "Dana <dana@example.net>",
    subject,
    body,
  }));
  const answer = await res.json();
  assert.ok(res.status === 201 || res.status === 200, JSON.stringify(answer));
  return answer.id as string;
}

Deno.test("merging moves the email, its replies, attachments and history; the merged one is closed, leads to the other, and answers to it join there", async () => {
  const app = await startTestApp();
  try {
    const a = await post(app, "merge-a@example.net", "My kettle ORD-11111 leaks.", "Kettle leaks");
    const b = await post(
      app,
      "merge-b@example.net",
      "Also the lid of the kettle from ORD-22222 is cracked.",
      "Cracked lid",
    );
    const reply = await app.api(`/complaints/${b}/replies`, json({ text: "Photo please?" }));
    const ours = await reply.json();
    const bRef = (await app.ctx.store.getComplaint(b))!.ref;

    const merged = await app.api(`/complaints/${a}/merge`, json({ source: `#${bRef}` }));
    assert.equal(merged.status, 200, await merged.clone().text());
    const target = await merged.json();
    assert.ok(target.messages.some((m: { messageId: string }) => m.messageId.includes("merge-b")));
    assert.ok(target.messages.some((m: { messageId: string }) => m.messageId === ours.messageId));
    assert.ok(target.relatedComplaints.includes(b));
    assert.ok(target.history.some((h: { action: string }) => h.action === "merged"));
    assert.ok(
      target.history.some((h: { details: { mergedFrom?: string } }) =>
        h.details.mergedFrom === bRef
      ),
    );
    const source = await (await app.api(`/complaints/${b}`)).json();
    assert.equal(source.mergedInto, a);
    assert.equal(source.status, "closed");

    // The customer answers our reply on the merged complaint: it joins the one it went into.
    const answer = await app.ingest(sampleEmail({
      messageId: "merge-c@example.net",
      from: "Dana <dana@example.net>",
      subject: `Re: ${ours.subject}`,
      body: "Here is the photo.",
      extraHeaders: [`In-Reply-To: <${ours.messageId}>`],
    }));
    assert.equal((await answer.json()).id, a);

    const again = await app.api(`/complaints/${a}/merge`, json({ source: b }));
    assert.equal(again.status, 409);
    await again.body?.cancel();
    const self = await app.api(`/complaints/${a}/merge`, json({ source: a }));
    assert.equal(self.status, 422);
    await self.body?.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("'not a duplicate' frees a complaint from its original, and the duplicate statistics count it", async () => {
  const app = await startTestApp();
  try {
    const text = "The blender from order ORD-33333 arrived with a cracked jar. Please replace it.";
    const first = await post(app, "dup-1@example.net", text, "Cracked jar");
    const second = await post(app, "dup-2@example.net", text, "Cracked jar again");
    let c = await (await app.api(`/complaints/${second}`)).json();
    assert.equal(c.duplicateOf, first);
    const before = await (await app.api("/duplicate-stats")).json();
    assert.equal(before.undone, 0);

    const undo = await app.api(`/complaints/${second}/not-duplicate`, { method: "POST" });
    assert.equal(undo.status, 200);
    c = await undo.json();
    assert.equal(c.duplicateOf, null);
    assert.equal(c.notDuplicateOf, first);
    assert.equal(c.status, "new");
    const original = await (await app.api(`/complaints/${first}`)).json();
    assert.ok(original.history.some((h: { action: string }) => h.action === "duplicate_undone"));
    const after = await (await app.api("/duplicate-stats")).json();
    assert.equal(after.undone, 1);
    assert.equal(after.precision, 0);

    const twice = await app.api(`/complaints/${second}/not-duplicate`, { method: "POST" });
    assert.equal(twice.status, 409);
    await twice.body?.cancel();
  } finally {
    await app.stop();
  }
});
