/** One file sent with a message. */
export interface OutboundAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * A message we send, already composed (`lib/outbound/compose.ts`): the adapters only deliver it.
 * Message ids are written without angle brackets, as everywhere else in the product.
 */
export interface OutboundMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /**
   * When it was written (ISO 8601). Every rendering of the message carries this Date, so the copy
   * kept at claim time, the outbox `.eml` and a later retry are one message, not three.
   */
  date?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers (e.g. `Auto-Submitted`); names and values must be single-line. */
  headers?: Record<string, string>;
  attachments?: OutboundAttachment[];
}

/**
 * What became of a message: `sent` = an SMTP server accepted it; `outbox` = no SMTP is configured,
 * so it was kept as an `.eml` in the blob store (not sent, but not lost either).
 */
export interface SendReceipt {
  state: "sent" | "outbox";
  /** Where it is: the server's answer, or the outbox blob key. */
  detail: string;
}

/** The mail port: delivers composed messages. */
export interface Mailer {
  readonly name: string;
  /** Deliver one message; throws when it could not (the caller records and retries). */
  send(mail: OutboundMail): Promise<SendReceipt>;
  close(): Promise<void>;
}
