import { Buffer } from "node:buffer";

/** A file to attach to a built email. */
export interface MailPart {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * A multipart/mixed RFC 822 email with a text body and base64 attachments (76-char lines), so
 * tests can ingest exact bytes and compare what comes back.
 */
export function emailWithAttachments(opts: {
  subject: string;
  body: string;
  attachments: MailPart[];
  from?: string;
  messageId?: string;
}): string {
  const boundary = `b-${crypto.randomUUID()}`;
  const lines = [
    `From: ${opts.from ?? "Aida Customer <aida@example.test>"}`,
    "To: support@example.test",
    `Subject: ${opts.subject}`,
    "Date: Mon, 07 Sep 2026 10:00:00 +0500",
    `Message-ID: <${opts.messageId ?? crypto.randomUUID()}@example.test>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    opts.body,
  ];
  for (const a of opts.attachments) {
    lines.push(
      `--${boundary}`,
      `Content-Type: ${a.contentType}; name="${a.filename}"`,
      "Content-Transfer-Encoding: base64",
      `Content-Disposition: attachment; filename="${a.filename}"`,
      "",
      ...(Buffer.from(a.bytes).toString("base64").match(/.{1,76}/g) ?? []),
    );
  }
  lines.push(`--${boundary}--`, "");
  return lines.join("\r\n");
}
