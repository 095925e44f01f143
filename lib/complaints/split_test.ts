import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";

Deno.test("a customer's message split out of a thread becomes a complaint of its own; answers to it go there", async () => {
  const app = await startTestApp();
  try {
    const json = (body: unknown) => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const { id } = await (await app.ingest(sampleEmail({
      messageId: "split-a",
      from: "Dana <dana@example.net>",
      subject: "Kettle leaks",
      body: "My kettle from order ORD-11111 leaks.",
    }))).json();
    const joined = await app.ingest(sampleEmail({
      messageId: "split-b",
      from: "Dana <dana@example.net>",
      subject: "Re: Kettle leaks",
      body: "Also, my invoice INV-77 for another order shows the wrong company name.",
      extraHeaders: ["In-Reply-To: <split-a@example.test>"],
    }));
    assert.equal((await joined.json()).id, id, "first it joined the thread");

    const res = await app.api(
      `/complaints/${id}/split`,
      json({ messageId: "split-b@example.test" }),
    );
    assert.equal(res.status, 201, await res.clone().text());
    const created = await res.json();
    assert.notEqual(created.id, id);
    assert.match(created.description, /invoice INV-77/);
    assert.ok(created.history.some((h: { action: string }) => h.action === "split_from"));
    const original = await (await app.api(`/complaints/${id}`)).json();
    assert.ok(
      !original.messages.some((m: { messageId: string }) => m.messageId === "split-b@example.test"),
    );
    assert.ok(original.history.some((h: { action: string }) => h.action === "split_out"));

    const answer = await app.ingest(sampleEmail({
      messageId: "split-c",
      from: "Dana <dana@example.net>",
      subject: "Re: invoice",
      body: "The right name is Dana Ltd.",
      extraHeaders: ["In-Reply-To: <split-b@example.test>"],
    }));
    assert.equal((await answer.json()).id, created.id, "answers to the split message go to it");

    const missing = await app.api(`/complaints/${id}/split`, json({ messageId: "nope@x" }));
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await app.stop();
  }
});
