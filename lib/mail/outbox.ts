import type { BlobStore } from "../blobs/port.ts";
import { outboxBlobKey } from "../pipeline/keys.ts";
import type { Mailer, OutboundMail, SendReceipt } from "./port.ts";
import { renderMail } from "./render.ts";

/**
 * The mailer without SMTP (the embedded default): each message is written as an `.eml` to the
 * blob store's `outbox/` and reported as `outbox` ("not sent: no SMTP configured"), so an answer
 * written with no mail server is kept and visible, never dropped.
 */
export class OutboxMailer implements Mailer {
  readonly name = "outbox";
  constructor(private readonly blobs: BlobStore) {}

  async send(mail: OutboundMail): Promise<SendReceipt> {
    const key = outboxBlobKey(mail.messageId);
    await this.blobs.put(key, await renderMail(mail), "message/rfc822");
    return { state: "outbox", detail: key };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
