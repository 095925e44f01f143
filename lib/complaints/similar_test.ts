import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint, ThreadMessage } from "../schema/complaint.ts";
import { lastReply, SIMILAR_COUNT, similarResolved } from "./similar.ts";

const outbound = (text: string, at: string, auto = false): ThreadMessage => ({
  direction: "outbound",
  messageId: `out-${crypto.randomUUID()}@x.test`,
  from: "support@x.test",
  subject: "Re",
  text,
  attachments: [],
  receivedAt: at,
  sentAt: at,
  state: "sent",
  by: "agent@x.test",
  ...(auto ? { auto: true } : {}),
});

function resolved(subject: string, description: string, extra: Partial<Complaint> = {}) {
  return makeComplaint({ subject, description, status: "resolved", ...extra });
}

Deno.test("similar resolved complaints: the three with the most shared words, with how they were answered", async () => {
  await withTempStore(async (store) => {
    const current = makeComplaint({
      subject: "Refund missing for returned headphones",
      description: "I returned the headphones three weeks ago and the refund never arrived.",
      category: "returns",
    });
    const best = resolved(
      "Refund missing for returned headphones",
      "Returned headphones, refund never arrived after three weeks.",
      {
        category: "returns",
        messages: [
          outbound("We have sent the refund again, it arrives in 3 days.", "2026-09-02T10:00:00Z"),
          outbound("We received your complaint [#ABC]", "2026-09-02T11:00:00Z", true),
        ],
      },
    );
    const second = makeComplaint({
      subject: "Refund for returned kettle",
      description: "The refund never arrived.",
      category: "returns",
      status: "closed",
      history: [
        {
          at: "2026-09-03T09:00:00Z",
          actor: "ann@x.test",
          action: "note",
          details: { text: "old" },
        },
        {
          at: "2026-09-03T10:00:00Z",
          actor: "bob@x.test",
          action: "note",
          details: { text: "Refunded by bank transfer" },
        },
      ],
    });
    const third = resolved("Headphones broken", "The headphones stopped working.", {
      category: "quality",
    });
    const weaker = resolved("Broken kettle lid", "The kettle headphones lid cracked badly today.", {
      category: "quality",
    });
    // As similar as it gets, but still open: not an answer yet.
    const open = makeComplaint({ subject: current.subject, description: current.description });
    const unrelated = resolved("Invoice address", "Please change the invoice address.");
    for (const c of [current, best, second, third, weaker, open, unrelated]) {
      await store.createComplaint(c);
    }

    const similar = await similarResolved({ store }, current);
    assert.equal(similar.length, SIMILAR_COUNT);
    assert.deepEqual(similar.map((s) => s.id), [best.id, second.id, third.id]);
    assert.ok(similar[0].score > similar[1].score && similar[1].score > similar[2].score);
    assert.deepEqual(similar[0].lastReply, {
      kind: "reply",
      text: "We have sent the refund again, it arrives in 3 days.",
      at: "2026-09-02T10:00:00Z",
      by: "agent@x.test",
    });
    assert.deepEqual(similar[1].lastReply, {
      kind: "note",
      text: "Refunded by bank transfer",
      at: "2026-09-03T10:00:00Z",
      by: "bob@x.test",
    });
    assert.equal(similar[2].lastReply, null);
  });
});

Deno.test("nothing is similar when no resolved complaint shares a word", async () => {
  await withTempStore(async (store) => {
    const current = makeComplaint({ subject: "Parcel lost", description: "Courier lost parcel." });
    await store.createComplaint(current);
    await store.createComplaint(resolved("Invoice address", "Change the invoice address."));
    assert.deepEqual(await similarResolved({ store }, current), []);
  });
});

Deno.test("the last reply is our last sent message, not the automatic acknowledgement", () => {
  const c = makeComplaint({
    messages: [outbound("Acknowledged", "2026-09-01T00:00:00Z", true)],
  });
  assert.equal(lastReply(c), null);
});
