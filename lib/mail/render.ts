// @ts-types="@types/nodemailer"
import nodemailer from "nodemailer";
import { createHash } from "node:crypto";
import type { OutboundMail } from "./port.ts";

/**
 * The nodemailer message for an outbound mail: the one mapping both adapters use, so an `.eml`
 * in the outbox is byte-for-byte what SMTP would have carried.
 */
export function nodemailerMessage(mail: OutboundMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.messageId}>`,
    date: mail.date ? new Date(mail.date) : undefined,
    // Multipart boundaries follow from the Message-ID (random, made when the reply is written) so
    // each rendering of one message is byte-identical apart from the trace a relay adds.
    baseBoundary: createHash("sha256").update(mail.messageId).digest("hex").slice(0, 16),
    inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
    references: mail.references?.length ? mail.references.map((id) => `<${id}>`) : undefined,
    headers: mail.headers,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
    // Plain text only: nothing we send is HTML, so nothing a customer wrote can become markup.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** What nodemailer hands back from a send (the part we read). */
export interface SentInfo {
  /** The rendered bytes (stream transport with `buffer: true`). */
  message?: Uint8Array;
  rejected: unknown[];
  response?: string;
}

/** A nodemailer transport, typed by what the adapters use. */
export interface Transport {
  sendMail(message: ReturnType<typeof nodemailerMessage>): Promise<SentInfo>;
  close(): void;
}

/**
 * A nodemailer transport (SMTP URL or options, defaults). Typed here, once: the overloads of
 * `@types/nodemailer` make the result of `sendMail` a union the adapters would each narrow.
 */
export function createTransport(options: string | Record<string, unknown>, defaults = {}) {
  return (nodemailer.createTransport as unknown as (
    o: string | Record<string, unknown>,
    d: Record<string, unknown>,
  ) => Transport)(options, defaults);
}

/** The raw RFC 5322 bytes of an outbound mail (CRLF line ends), as SMTP would send them. */
export async function renderMail(mail: OutboundMail): Promise<Uint8Array> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: "\r\n" });
  const info = await transport.sendMail(nodemailerMessage(mail));
  if (!info.message) throw new Error("nodemailer rendered no message");
  return new Uint8Array(info.message);
}
