import assert from "node:assert/strict";
import { SmtpMailer } from "./smtp.ts";
import { startMailpit } from "../../test/harness/mailpit.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";
import { freePort } from "../../test/harness/free_port.ts";
import type { OutboundMail } from "./port.ts";

const mail: OutboundMail = {
  from: "support@shop.example",
  to: "aida@example.test",
  subject: "Re: My parcel [#ABC123]",
  text: "Your parcel is on its way.",
  messageId: "smtp-1@shop.example",
  inReplyTo: "c1@example.test",
  references: ["c0@example.test", "c1@example.test"],
  headers: { "Auto-Submitted": "auto-replied" },
};

Deno.test({
  name: "SMTP: the message arrives at a real server with our Message-ID and the threading headers",
  ignore: skipUnless("mailpit", !!findBinary("mailpit")),
  fn: async () => {
    const mp = await startMailpit();
    const mailer = new SmtpMailer({ url: mp.smtpUrl });
    try {
      const receipt = await mailer.send(mail);
      assert.equal(receipt.state, "sent");
      const [m] = await mp.waitFor(1);
      assert.equal(m.MessageID, "smtp-1@shop.example");
      assert.equal(m.Subject, "Re: My parcel [#ABC123]");
      assert.equal(m.To[0].Address, "aida@example.test");
      const h = await mp.headers(m.ID);
      assert.deepEqual(h["In-Reply-To"], ["<c1@example.test>"]);
      assert.deepEqual(h["References"], ["<c0@example.test> <c1@example.test>"]);
      assert.deepEqual(h["Auto-Submitted"], ["auto-replied"]);
      const full = await mp.message(m.ID);
      assert.match(String(full.Text), /Your parcel is on its way\./);
    } finally {
      await mailer.close();
      await mp.stop();
    }
  },
});

Deno.test("SMTP: a server that is not there makes send throw (the caller keeps and retries it)", async () => {
  const mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${freePort()}`, timeoutMs: 2000 });
  try {
    await assert.rejects(() => mailer.send(mail), /ECONNREFUSED|connect/i);
  } finally {
    await mailer.close();
  }
});
