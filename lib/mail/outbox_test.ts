import assert from "node:assert/strict";
import { LocalBlobStore } from "../blobs/local.ts";
import { OutboxMailer } from "./outbox.ts";

Deno.test("without SMTP a message is written as an .eml under outbox/ and reported as not sent", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const blobs = new LocalBlobStore(dir);
    await blobs.init();
    const mailer = new OutboxMailer(blobs);
    const receipt = await mailer.send({
      from: "support@shop.example",
      to: "aida@example.test",
      subject: "Re: Parcel [#ABC123]",
      text: "We are on it.",
      messageId: "o1@shop.example",
      inReplyTo: "c1@example.test",
      attachments: [{
        filename: "label.txt",
        contentType: "text/plain",
        content: new TextEncoder().encode("LBL"),
      }],
    });
    assert.equal(receipt.state, "outbox");
    assert.match(receipt.detail, /^outbox\/.+\.eml$/);
    const raw = new TextDecoder().decode((await blobs.get(receipt.detail))!);
    assert.match(raw, /^Message-ID: <o1@shop\.example>\r$/m);
    assert.match(raw, /^In-Reply-To: <c1@example\.test>\r$/m);
    assert.match(raw, /^To: aida@example\.test\r$/m);
    assert.match(raw, /We are on it\./);
    assert.match(raw, /filename=label\.txt/);
    await mailer.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
