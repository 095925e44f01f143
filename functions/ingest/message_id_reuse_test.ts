import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";

const ZAMMAD = new URL("../../../shared/corpus/public/zammad/", import.meta.url);

/** Zammad's test mails, grouped by the Message-ID several of them share (broken mailers do this). */
async function sharedMessageIds(): Promise<Map<string, Uint8Array[]>> {
  const groups = new Map<string, Uint8Array[]>();
  for await (const entry of Deno.readDir(ZAMMAD)) {
    if (!entry.name.endsWith(".box")) continue;
    const raw = await Deno.readFile(new URL(entry.name, ZAMMAD));
    const head = new TextDecoder("latin1").decode(raw.subarray(0, 65_536));
    const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
    if (id) groups.set(id, [...(groups.get(id) ?? []), raw]);
  }
  return new Map([...groups].filter(([, raws]) => raws.length > 1));
}

Deno.test("different mails sharing a Message-ID are each kept; posting any of them again is a resend", async () => {
  const groups = await sharedMessageIds();
  assert.ok([...groups.values()].some((g) => g.length >= 9), "the corpus has a 9-mail group");
  const app = await startTestApp();
  try {
    let posted = 0;
    for (const [messageId, raws] of groups) {
      const first = new Map<Uint8Array, unknown>();
      for (const raw of raws) {
        const res = await app.ingest(raw);
        const body = await res.json();
        assert.ok(res.status < 300, `${messageId}: ${res.status} ${JSON.stringify(body)}`);
        assert.ok(!body.existing, `${messageId}: a different mail answered as a resend`);
        first.set(raw, body);
        posted++;
      }
      for (const raw of raws) {
        const res = await app.ingest(raw);
        assert.equal(res.status, 200, messageId);
        const body = await res.json();
        assert.equal(body.id, (first.get(raw) as { id?: string }).id, messageId);
      }
    }
    const claims = await app.ctx.store.listProcessedEmails({ page: 1, limit: 100 });
    assert.equal(claims.total, posted, "one processed-email record per distinct mail");
  } finally {
    await app.stop();
  }
});

Deno.test("a reused Message-ID makes a complaint of its own that notes the reuse and names the first", async () => {
  const app = await startTestApp();
  try {
    const a = await (await app.ingest(sampleEmail({ messageId: "reused" }))).json();
    const other = sampleEmail({
      messageId: "reused",
      from: "Bob <bob@example.test>",
      subject: "Invoice charged twice",
      body: "You charged my card twice for invoice INV-77.",
    });
    const res = await app.ingest(other);
    assert.equal(res.status, 201);
    const b = await res.json();
    assert.notEqual(b.id, a.id);
    const complaint = await (await app.api(`/complaints/${b.id}`)).json();
    const note = complaint.history.find((h: { action: string }) =>
      h.action === "message_id_reused"
    );
    assert.equal(note?.details.sharedWith, a.id);
    // Its own resend through another relay finds it, not the first.
    const again = await app.ingest(`Received: from relay.test by mx.test\r\n${other}`);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).id, b.id);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 2);
  } finally {
    await app.stop();
  }
});
