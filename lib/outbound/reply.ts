import { slaOnFirstResponse, slaOnStatus } from "../escalation/sla.ts";
import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import { NotFoundError } from "../errors.ts";
import { sha256Hex } from "../crypto.ts";
import type { OutboundAttachment, OutboundMail } from "../mail/port.ts";
import { attachmentBlobKey, messageIdKey, rawBlobKey } from "../pipeline/keys.ts";
import { renderMail } from "../mail/render.ts";
import type {
  Attachment,
  Complaint,
  HistoryEntry,
  Status,
  ThreadMessage,
} from "../schema/complaint.ts";
import { composeReply, newMessageId, type ReplyDraft } from "./compose.ts";

export type ReplyContext =
  & Pick<AppContext, "store" | "blobs" | "mailer" | "config" | "log" | "now" | "policy">
  & Partial<Pick<AppContext, "metrics">>;

/**
 * A queued message is sent at once; should the process die before it knows the outcome, the job
 * sends it after this long (longer than a send with its timeouts can take).
 */
const QUEUED_GRACE_MS = 5 * 60_000;
/** Retry back-off: doubling from one minute, at most six hours between attempts. */
const backoffMs = (attempts: number) => Math.min(2 ** (attempts - 1), 360) * 60_000;
/**
 * Headers of mail the product sends by itself (RFC 3834), and Microsoft's equivalent, so
 * auto-responders do not answer it (no mail loops).
 */
const AUTO_HEADERS = { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" };
/** Statuses a reply moves to `waiting` (a reply on a settled complaint leaves it settled). */
const TO_WAITING: readonly Status[] = ["new", "in_progress", "waiting"];

/** The outbound messages of a complaint (our replies), oldest first, with their state. */
export function outboundMessages(complaint: Pick<Complaint, "messages">): ThreadMessage[] {
  return complaint.messages.filter((m) => m.direction === "outbound");
}

/**
 * Answer a complaint's customer: compose a real reply, claim its Message-ID for the complaint
 * (so the customer's answer, In-Reply-To our id, threads into it), keep it on the thread as an
 * outbound message, move the complaint to `waiting`, then send it. A failed send is kept as
 * `failed` and retried by the job; the returned message says which state it reached.
 */
export async function sendReply(
  ctx: ReplyContext,
  locks: KeyedMutex,
  complaintId: string,
  draft: ReplyDraft & {
    by: string;
    /**
     * The product answering by itself (the acknowledgement): marked `Auto-Submitted:
     * auto-replied` so the customer's own auto-responder stays quiet, and the status is left.
     */
    auto?: boolean;
  },
): Promise<ThreadMessage> {
  const messageId = newMessageId(ctx.config.SUPPORT_FROM);
  await locks.run(`complaint:${complaintId}`, async () => {
    const complaint = await ctx.store.getComplaint(complaintId);
    if (!complaint) throw new NotFoundError(`No complaint ${complaintId}`);
    const now = ctx.now();
    const at = now.toISOString();
    const mail = {
      ...composeReply(complaint, draft, { from: ctx.config.SUPPORT_FROM, messageId }),
      date: at,
    };
    const attachments = await storeFiles(ctx, draft.attachments ?? []);
    const message: ThreadMessage = {
      direction: "outbound",
      messageId,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments,
      receivedAt: at,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      state: "queued",
      attempts: 0,
      nextAttemptAt: new Date(now.getTime() + QUEUED_GRACE_MS).toISOString(),
      by: draft.by,
      ...(draft.auto ? { auto: true } : {}),
    };
    // Claimed before anything is sent: an answer can never arrive before its thread knows our id.
    // The claim keeps the message as written (like any raw), so a copy of it coming back through
    // the mailbox (a Bcc, a Sent folder) is recognised as this message, not taken for a new one.
    const raw = await renderMail({
      ...mail,
      headers: draft.auto ? AUTO_HEADERS : undefined,
      attachments: draft.attachments?.length ? draft.attachments : undefined,
    });
    const sha256 = await sha256Hex(raw);
    await ctx.blobs.put(rawBlobKey(sha256), raw, "message/rfc822");
    await ctx.store.claimEmail({
      key: messageIdKey(messageId),
      messageId,
      sha256,
      rawKey: rawBlobKey(sha256),
      size: raw.length,
      from: mail.from,
      subject: mail.subject,
      complaintId,
      outcome: "threaded",
      reason: "outbound reply",
      receivedAt: at,
      updatedAt: at,
    });
    const history: HistoryEntry[] = [{
      at,
      actor: draft.by,
      action: draft.auto ? "ack_queued" : "reply_queued",
      details: { messageId, to: mail.to, subject: mail.subject },
    }];
    const changes: Partial<Complaint> = {
      messages: [...complaint.messages, message],
      outboundRetryAt: earliestDue([...complaint.messages, message]),
      updatedAt: at,
    };
    if (!draft.auto) {
      // An agent's answer meets the first-response target (the acknowledgement does not).
      Object.assign(changes, slaOnFirstResponse(ctx.policy, complaint, now));
    }
    if (!draft.auto && TO_WAITING.includes(complaint.status) && complaint.status !== "waiting") {
      changes.status = "waiting";
      history.push({
        at,
        actor: draft.by,
        action: "status_changed",
        details: { from: complaint.status, to: "waiting", reason: "replied to the customer" },
      });
      Object.assign(
        changes,
        slaOnStatus(ctx.policy, { ...complaint, ...changes }, "waiting", now),
      );
    }
    await ctx.store.updateComplaint(complaintId, changes, history);
  });
  return await deliver(ctx, locks, complaintId, messageId);
}

/**
 * Send one stored outbound message and record the outcome on it: `sent`, `outbox` (no SMTP), or
 * `failed` with the error and the next attempt (none after RETRY_MAX_ATTEMPTS: it waits, shown
 * on the complaint, for an agent).
 */
export async function deliver(
  ctx: ReplyContext,
  locks: KeyedMutex,
  complaintId: string,
  messageId: string,
): Promise<ThreadMessage> {
  const complaint = await ctx.store.getComplaint(complaintId);
  const stored = complaint?.messages.find((m) => m.messageId === messageId);
  if (!complaint || !stored) throw new NotFoundError(`No outbound message ${messageId}`);
  let outcome: { state: "sent" | "outbox" | "failed"; detail: string };
  try {
    outcome = await ctx.mailer.send(await mailOf(ctx, stored));
  } catch (error) {
    outcome = { state: "failed", detail: error instanceof Error ? error.message : String(error) };
    ctx.log.warn("reply_send_failed", { complaintId, messageId, error: outcome.detail });
  }
  ctx.metrics?.outbound(outcome.state);
  return await locks.run(`complaint:${complaintId}`, async () => {
    const current = await ctx.store.getComplaint(complaintId) ?? complaint;
    const now = ctx.now();
    const at = now.toISOString();
    let updated: ThreadMessage | undefined;
    const messages = current.messages.map((m) => {
      if (m.messageId !== messageId) return m;
      const attempts = (m.attempts ?? 0) + 1;
      updated = outcome.state === "failed"
        ? {
          ...m,
          state: "failed",
          attempts,
          lastError: outcome.detail.slice(0, 500),
          nextAttemptAt: attempts < ctx.config.RETRY_MAX_ATTEMPTS
            ? new Date(now.getTime() + backoffMs(attempts)).toISOString()
            : undefined,
        }
        : {
          ...m,
          state: outcome.state,
          attempts,
          sentAt: at,
          lastError: undefined,
          nextAttemptAt: undefined,
        };
      return updated;
    });
    if (!updated) throw new NotFoundError(`No outbound message ${messageId}`);
    await ctx.store.updateComplaint(
      complaintId,
      { messages, outboundRetryAt: earliestDue(messages), updatedAt: at },
      [{
        at,
        actor: "system",
        action: {
          sent: "reply_sent",
          outbox: "reply_not_sent",
          failed: "reply_failed",
        }[outcome.state],
        details: {
          messageId,
          attempts: updated.attempts,
          ...(outcome.state === "outbox"
            ? { reason: "no SMTP configured", outbox: outcome.detail }
            : outcome.state === "failed"
            ? { error: updated.lastError, nextAttemptAt: updated.nextAttemptAt }
            : {}),
        },
      }],
    );
    return updated;
  });
}

/** The earliest time one of these messages is due to be sent (again), or undefined. */
function earliestDue(messages: ThreadMessage[]): string | undefined {
  return messages
    .filter((m) => m.direction === "outbound" && (m.state === "queued" || m.state === "failed"))
    .map((m) => m.nextAttemptAt)
    .filter((t): t is string => !!t)
    .sort()[0];
}

/** Whether a stored outbound message is due to be sent again at `now`. */
export function isDue(message: ThreadMessage, now: Date): boolean {
  return message.direction === "outbound" &&
    (message.state === "queued" || message.state === "failed") && !!message.nextAttemptAt &&
    Date.parse(message.nextAttemptAt) <= now.getTime();
}

/** The mail a stored outbound message stands for (a retry sends exactly what was written). */
async function mailOf(ctx: ReplyContext, m: ThreadMessage): Promise<OutboundMail> {
  const attachments: OutboundAttachment[] = [];
  for (const a of m.attachments) {
    const content = await ctx.blobs.get(a.storageKey);
    if (!content) throw new Error(`attachment ${a.filename} is missing from the blob store`);
    attachments.push({ filename: a.filename, contentType: a.contentType, content });
  }
  return {
    from: m.from,
    to: m.to ?? "",
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    date: m.receivedAt,
    inReplyTo: m.inReplyTo,
    references: m.references,
    headers: m.auto ? AUTO_HEADERS : undefined,
    attachments: attachments.length ? attachments : undefined,
  };
}

/** Keep a reply's files in the blob store (content-addressed, like a complaint's). */
async function storeFiles(ctx: ReplyContext, files: OutboundAttachment[]): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const f of files) {
    const sha256 = await sha256Hex(f.content);
    const storageKey = attachmentBlobKey(sha256);
    await ctx.blobs.put(storageKey, f.content, f.contentType);
    out.push({
      // A name is shown and sent in a header: no control characters, no path.
      // deno-lint-ignore no-control-regex
      filename: f.filename.replace(/[\u0000-\u001f\u007f/\\]+/g, "_").slice(0, 200) || "attachment",
      contentType: f.contentType,
      size: f.content.length,
      sha256,
      storageKey,
      inline: false,
      extractedText: "",
    });
  }
  return out;
}
