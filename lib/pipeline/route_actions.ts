import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import type { ParsedEmail } from "../mime/types.ts";
import { type Automated, bouncedMessageIds } from "../routing/automated.ts";
import { refFromSubject } from "../complaints/ref.ts";
import type {
  Complaint,
  HistoryEntry,
  ProcessedEmail,
  ThreadMessage,
} from "../schema/complaint.ts";
import { PRIORITIES } from "../schema/complaint.ts";
import { storeAttachments } from "./attachments.ts";
import { messageIdKey } from "./keys.ts";
import { recordOutcome } from "./outcome.ts";
import { analyzeLocally, boundInput } from "../analyze/local/analyzer.ts";
import { alertNew, updateAlert } from "./notify.ts";
import { slaOnStatus } from "../escalation/sla.ts";

/**
 * Record a machine-sent message (auto-reply, bulk, bounce) as ignored; a bounce that names one
 * of our complaints is noted on it.
 */
export async function ignoreAutomated(
  ctx: AppContext,
  claim: ProcessedEmail,
  email: ParsedEmail,
  automated: Automated,
): Promise<void> {
  await recordOutcome(ctx, claim, { kind: "ignored", reason: automated.reason });
  ctx.log.info("ignored", { key: claim.key, reason: automated.reason });
  if (automated.kind !== "bounce") return;
  const ids = new Set<string>();
  for (const messageId of bouncedMessageIds(email)) {
    const record = await ctx.store.getProcessedEmail(messageIdKey(messageId));
    if (record?.complaintId) ids.add(record.complaintId);
  }
  const ref = refFromSubject(`${email.subject} ${email.text.slice(0, 20_000)}`);
  if (ref) {
    const byRef = await ctx.store.findByRef(ref);
    if (byRef) ids.add(byRef.id);
  }
  for (const id of ids) {
    await ctx.store.updateComplaint(id, { updatedAt: ctx.now().toISOString() }, [{
      at: ctx.now().toISOString(),
      actor: "system",
      action: "bounce",
      details: { reason: automated.reason, from: email.from?.email ?? "", subject: email.subject },
    }]);
  }
}

/**
 * Append a reply to its complaint's timeline (with its own attachments and analysis). A reply
 * reopens a resolved or closed complaint, brings one waiting for the customer back to
 * `in_progress`, and can raise, never lower, its priority.
 */
export async function joinThread(
  ctx: AppContext,
  locks: KeyedMutex,
  claim: ProcessedEmail,
  email: ParsedEmail,
  thread: Complaint,
): Promise<Complaint> {
  const attachments = await storeAttachments(ctx, email);
  // A reply is read by the local analyzer, for its priority (and the thread's line): Claude is
  // called at most once per complaint, however long the thread grows.
  const a = analyzeLocally(boundInput({
    subject: email.subject,
    body: email.text,
    attachmentsText: attachments.map((a) => a.extractedText).filter((t) => t.length > 0),
    from: email.from?.email ?? "",
    receivedAt: email.date ?? claim.receivedAt,
  }));
  const message: ThreadMessage = {
    direction: "inbound",
    messageId: claim.messageId ?? `sha256:${claim.sha256}`,
    from: email.from?.email ?? "",
    subject: email.subject,
    text: email.text,
    attachments,
    receivedAt: claim.receivedAt,
    sentAt: email.date,
    analysis: {
      category: a.category,
      priority: a.priority,
      sentiment: a.sentiment,
      summary: a.summary,
    },
  };
  const updated = await locks.run(`complaint:${thread.id}`, async () => {
    const current = await ctx.store.getComplaint(thread.id) ?? thread;
    const at = ctx.now().toISOString();
    const history: HistoryEntry[] = [{
      at,
      actor: message.from || "customer",
      action: "reply_received",
      details: { messageId: message.messageId, subject: message.subject },
    }];
    const changes: Partial<Complaint> = {
      messages: [...current.messages, message],
      updatedAt: at,
    };
    if (current.status === "resolved" || current.status === "closed") {
      changes.status = current.assignee ? "in_progress" : "new";
      history.push({
        at,
        actor: "system",
        action: "reopened",
        details: { from: current.status, to: changes.status, reason: "customer replied" },
      });
    }
    if (current.status === "waiting") {
      // We were waiting for the customer: their answer is work for an agent again.
      changes.status = "in_progress";
      history.push({
        at,
        actor: "system",
        action: "status_changed",
        details: { from: "waiting", to: "in_progress", reason: "customer replied" },
      });
    }
    if (PRIORITIES.indexOf(a.priority) > PRIORITIES.indexOf(current.priority)) {
      changes.priority = a.priority;
      history.push({
        at,
        actor: "system",
        action: "priority_changed",
        details: { from: current.priority, to: a.priority, reason: "customer reply" },
      });
    }
    if (changes.status !== undefined || changes.priority !== undefined) {
      // The customer's answer starts the clock again (it stood still while we waited on them).
      const next = { ...current, ...changes };
      Object.assign(changes, slaOnStatus(ctx.policy, next, next.status, ctx.now()));
    }
    return await ctx.store.updateComplaint(current.id, changes, history);
  });
  if (updated && updated.status !== "duplicate") {
    // An alert already out is edited; a reply that lifts the complaint over the threshold for
    // the first time alerts (once, like any new complaint).
    if ((updated.alerts ?? []).length > 0) {
      await updateAlert(
        ctx,
        updated,
        `Customer replied ${message.receivedAt.slice(0, 16).replace("T", " ")} UTC`,
      );
    } else {
      await alertNew(ctx, updated);
    }
  }
  const joined = updated ?? thread;
  await recordOutcome(ctx, claim, { kind: "threaded", complaint: joined });
  return joined;
}

/**
 * List a new complaint on an earlier one it relates to (a duplicate on its original, a mention
 * on the complaint it named), with a history entry `action` there.
 */
export async function linkRelated(
  ctx: AppContext,
  locks: KeyedMutex,
  earlier: Complaint,
  related: Complaint,
  action: "duplicate_received" | "referenced_by",
  details: Record<string, unknown>,
): Promise<void> {
  await locks.run(`complaint:${earlier.id}`, async () => {
    const current = await ctx.store.getComplaint(earlier.id);
    if (!current || current.relatedComplaints.includes(related.id)) return;
    const at = ctx.now().toISOString();
    await ctx.store.updateComplaint(current.id, {
      relatedComplaints: [...current.relatedComplaints, related.id],
      updatedAt: at,
    }, [{ at, actor: "system", action, details: { id: related.id, ...details } }]);
  });
}
