import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import type { Complaint } from "../schema/complaint.ts";
import { ackSkipReason } from "../outbound/ack.ts";
import { sendReply } from "../outbound/reply.ts";
import { draftReply } from "./draft.ts";

/** Why a new complaint gets no automatic answer, or null when it does. */
export function autoReplySkipReason(
  config: Pick<AppContext["config"], "AUTO_REPLY_RULES">,
  complaint: Complaint,
): string | null {
  const min = config.AUTO_REPLY_RULES[complaint.category];
  if (min === undefined) return "drafts only for this category";
  if (complaint.confidence < min) return `confidence ${complaint.confidence} below ${min}`;
  if (complaint.incidentId) return "part of an incident";
  return ackSkipReason(complaint); // never to duplicates, flooding senders or non-email
}

/**
 * Where an admin allowed it (AUTO_REPLY_RULES: a category and a least confidence), send the
 * drafted answer by itself: marked `Auto-Submitted: auto-replied`, recorded as `auto_reply_sent`
 * and listed (`autoRepliedAt`, `GET /complaints?autoReplied=true`). Returns whether it went out;
 * never throws (the complaint is saved already).
 */
export async function autoReply(
  ctx: AppContext,
  locks: KeyedMutex,
  complaint: Complaint,
): Promise<boolean> {
  const skip = autoReplySkipReason(ctx.config, complaint);
  if (skip) return false;
  try {
    const who = { email: ctx.config.SUPPORT_FROM, name: "Support", team: "", admin: true };
    const draft = await draftReply(ctx, complaint, who);
    const at = ctx.now().toISOString();
    await sendReply(ctx, locks, complaint.id, { text: draft.text, by: "auto-reply", auto: true });
    await ctx.store.updateComplaint(complaint.id, { autoRepliedAt: at }, [{
      at,
      actor: "system",
      action: "auto_reply_sent",
      details: { source: draft.source, confidence: complaint.confidence },
    }]);
    return true;
  } catch (err) {
    ctx.log.error("auto_reply_failed", { complaintId: complaint.id, error: String(err) });
    return false;
  }
}
