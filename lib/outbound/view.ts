import type { ThreadMessage } from "../schema/complaint.ts";

/** An outbound message as the API answers it and the page shows it. */
export interface ReplyView {
  /** The message's identity: its Message-ID (a reply has no other). */
  id: string;
  messageId: string;
  state: NonNullable<ThreadMessage["state"]>;
  /** What the state means for an agent ("not sent: no SMTP configured", the error …). */
  label: string;
  to: string;
  subject: string;
  text: string;
  by?: string;
  createdAt: string;
  sentAt?: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

/** One line saying where a reply is, for agents: sent, queued, not sent, or failed and why. */
export function deliveryLabel(m: Pick<ThreadMessage, "state" | "lastError" | "nextAttemptAt">) {
  switch (m.state) {
    case "sent":
      return "sent";
    case "outbox":
      return "not sent: no SMTP configured (kept in the outbox)";
    case "failed":
      return `failed: ${m.lastError ?? "unknown error"}${
        m.nextAttemptAt
          ? ` — next try ${m.nextAttemptAt.slice(0, 16).replace("T", " ")} UTC`
          : " — no more automatic tries"
      }`;
    default:
      return "sending";
  }
}

/** The view of an outbound thread message. */
export function replyView(m: ThreadMessage): ReplyView {
  return {
    id: m.messageId,
    messageId: m.messageId,
    state: m.state ?? "queued",
    label: deliveryLabel(m),
    to: m.to ?? "",
    subject: m.subject,
    text: m.text,
    by: m.by,
    createdAt: m.receivedAt,
    sentAt: m.sentAt,
    attempts: m.attempts ?? 0,
    lastError: m.lastError,
    nextAttemptAt: m.nextAttemptAt,
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
    })),
  };
}
