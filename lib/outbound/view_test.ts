import assert from "node:assert/strict";
import { deliveryLabel, replyView } from "./view.ts";

Deno.test("the delivery label says what happened: sent, not sent without SMTP, or failed with the next try", () => {
  assert.equal(deliveryLabel({ state: "sent" }), "sent");
  assert.equal(deliveryLabel({ state: "queued" }), "sending");
  assert.match(deliveryLabel({ state: "outbox" }), /^not sent: no SMTP configured/);
  assert.equal(
    deliveryLabel({
      state: "failed",
      lastError: "ECONNREFUSED",
      nextAttemptAt: "2026-09-07T10:01:00.000Z",
    }),
    "failed: ECONNREFUSED — next try 2026-09-07 10:01 UTC",
  );
  assert.equal(
    deliveryLabel({ state: "failed", lastError: "550 no such user" }),
    "failed: 550 no such user — no more automatic tries",
  );
});

Deno.test("a reply's view is identified by its Message-ID and lists files without their storage keys", () => {
  const v = replyView({
    direction: "outbound",
    messageId: "m1@shop.example",
    from: "help@shop.example",
    to: "aida@example.test",
    subject: "Re: x [#ABC123]",
    text: "hi",
    attachments: [{
      filename: "a.txt",
      contentType: "text/plain",
      size: 1,
      sha256: "ab",
      storageKey: "att/ab/ab",
      inline: false,
      extractedText: "",
    }],
    receivedAt: "2026-09-07T10:00:00.000Z",
    state: "sent",
    attempts: 1,
    by: "agent@shop.example",
  });
  assert.equal(v.id, "m1@shop.example");
  assert.equal(v.label, "sent");
  assert.deepEqual(v.attachments, [{ filename: "a.txt", contentType: "text/plain", size: 1 }]);
  assert.ok(!JSON.stringify(v).includes("att/ab"));
});
