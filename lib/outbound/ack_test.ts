import assert from "node:assert/strict";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { startMailpit } from "../../test/harness/mailpit.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";
import { until } from "../../test/support/wait.ts";
import { createLogger } from "../log.ts";
import type { Complaint } from "../schema/complaint.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { ackSkipReason } from "./ack.ts";

const quiet = createLogger("error", () => {});

/** Ingest through the real ingest function; the complaint once processed, or null (ignored). */
async function ingest(app: TestApp, raw: string): Promise<Complaint | null> {
  const res = await app.ingest(raw);
  const body = await res.json();
  if (body.ignored || !body.id) return null;
  let c: Complaint | null = null;
  await until(
    async () => {
      c = await app.ctx.store.getComplaint(body.id);
      return c?.processing.state === "done";
    },
    10_000,
    "the complaint",
  );
  return c;
}

const acks = (c: Complaint | null) => (c?.messages ?? []).filter((m) => m.auto);

Deno.test({
  name: "ACK_ENABLED: a new complaint gets one auto-replied acknowledgement with its reference",
  ignore: skipUnless("mailpit", !!findBinary("mailpit")),
  fn: async () => {
    const mp = await startMailpit();
    const app = await startTestApp({ ACK_ENABLED: "true", SMTP_URL: mp.smtpUrl }, { log: quiet });
    try {
      const c = (await ingest(app, sampleEmail({ messageId: "ack-1" })))!;
      const [m] = await mp.waitFor(1);
      assert.equal(m.Subject, `Re: My order ORD-12345 has not arrived [#${c.ref}]`);
      const h = await mp.headers(m.ID);
      assert.deepEqual(h["Auto-Submitted"], ["auto-replied"]);
      assert.deepEqual(h["In-Reply-To"], ["<ack-1@example.test>"]);
      const full = await mp.message(m.ID) as { Text: string };
      assert.ok(full.Text.includes(`#${c.ref}`));
      const stored = (await app.ctx.store.getComplaint(c.id))!;
      assert.equal(stored.status, "new", "an acknowledgement is not an answer");
      assert.equal(acks(stored).length, 1);
      assert.equal(acks(stored)[0].state, "sent");
    } finally {
      await app.stop();
      await mp.stop();
    }
  },
});

Deno.test("no acknowledgement to auto-replies, duplicates, flood-tagged senders, or twice in the interval", async () => {
  const app = await startTestApp({ ACK_ENABLED: "true", FLOOD_MAX_PER_HOUR: "3" }, { log: quiet });
  try {
    const first = await ingest(app, sampleEmail({ messageId: "a1", from: "aida@example.test" }));
    assert.equal(acks(first).length, 1, "the first one is acknowledged");
    assert.equal(acks(first)[0].state, "outbox");

    // The same customer again within ACK_MIN_INTERVAL_MINUTES, about something else.
    const second = await ingest(
      app,
      sampleEmail({
        messageId: "a2",
        from: "aida@example.test",
        subject: "Wrong invoice address",
        body: "My invoice INV-778 shows the wrong billing address, please correct it.",
      }),
    );
    assert.equal(second?.status, "new");
    assert.equal(acks(second).length, 0, "at most one per customer per interval");

    // Bob's complaint, then a resend of it under a new Message-ID: a duplicate.
    const bobs = {
      from: "bob@example.test",
      subject: "Blender arrived broken",
      body: "The blender from order ORD-55501 arrived with a cracked jug. Please replace it.",
    };
    const dup = await ingest(app, sampleEmail({ messageId: "a3", ...bobs }));
    assert.equal(acks(dup).length, 1);
    const dupAgain = await ingest(app, sampleEmail({ messageId: "a4", ...bobs }));
    assert.equal(dupAgain?.status, "duplicate");
    assert.equal(acks(dupAgain).length, 0);

    // An out-of-office answer never becomes a complaint, so it is never acknowledged.
    const ooo = await ingest(
      app,
      sampleEmail({
        messageId: "a5",
        from: "carl@example.test",
        extraHeaders: ["Auto-Submitted: auto-replied"],
      }),
    );
    assert.equal(ooo, null);

    // A flooding sender: past FLOOD_MAX_PER_HOUR the complaints are tagged and not acknowledged.
    let flooded: Complaint | null = null;
    for (let i = 0; i < 5; i++) {
      flooded = await ingest(
        app,
        sampleEmail({
          messageId: `f${i}`,
          from: "dora@example.test",
          subject: `Problem number ${i}`,
          body: `Distinct problem ${i}: ${crypto.randomUUID()} order ORD-${1000 + i}.`,
        }),
      );
    }
    assert.ok(flooded?.tags.includes("flood"));
    assert.equal(acks(flooded).length, 0);
    const all = await app.ctx.store.listComplaints({ page: 1, limit: 100 });
    const total = all.items.reduce((n, c) => n + acks(c).length, 0);
    assert.equal(total, 3, "aida once, bob once, dora once (her first)");
  } finally {
    await app.stop();
  }
});

Deno.test("without ACK_ENABLED nothing is sent on its own", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const c = await ingest(app, sampleEmail({ messageId: "off-1" }));
    assert.equal(c?.messages.length, 0);
  } finally {
    await app.stop();
  }
});

Deno.test("the skip reasons: not by email, duplicate, flood", () => {
  assert.equal(ackSkipReason(makeComplaint({ source: "email", ref: "ABC123" })), null);
  assert.equal(
    ackSkipReason(makeComplaint({ source: "test", ref: "ABC123" })),
    "not received by email",
  );
  assert.equal(
    ackSkipReason(makeComplaint({ source: "email", ref: "ABC123", duplicateOf: "x" })),
    "duplicate",
  );
  assert.equal(
    ackSkipReason(makeComplaint({ source: "email", ref: "ABC123", tags: ["flood"] })),
    "flood-tagged sender",
  );
});
