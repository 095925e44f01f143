import type { Mailer, OutboundMail, SendReceipt } from "./port.ts";
import { createTransport, nodemailerMessage, type Transport } from "./render.ts";

/** Options of the SMTP mailer. */
export interface SmtpOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's connection URL). */
  url: string;
  /** How long to wait for a connection, greeting or answer before the send counts as failed. */
  timeoutMs?: number;
}

/**
 * The mailer over SMTP (nodemailer, pooled connection). A refused or failed send throws; the
 * reply service keeps the message as failed and the job retries it.
 */
export class SmtpMailer implements Mailer {
  readonly name = "smtp";
  readonly #transport: Transport;

  constructor(options: SmtpOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.#transport = createTransport(options.url, {
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(mail: OutboundMail): Promise<SendReceipt> {
    const info = await this.#transport.sendMail(nodemailerMessage(mail));
    if (info.rejected.length > 0) {
      throw new Error(`SMTP server refused ${info.rejected.join(", ")}: ${info.response}`);
    }
    return { state: "sent", detail: String(info.response ?? "") };
  }

  close(): Promise<void> {
    this.#transport.close();
    return Promise.resolve();
  }
}
