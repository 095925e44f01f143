import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import type { Complaint } from "../schema/complaint.ts";
import { sendReply } from "./reply.ts";

/** The acknowledgement's text: the reference, and how to add to the complaint. */
export function ackText(complaint: Pick<Complaint, "ref">): string {
  return [
    "Hello,",
    "",
    `we have received your message and registered it under the reference #${complaint.ref}.`,
    "An agent will answer you as soon as possible.",
    "",
    `To add details, reply to this email and keep [#${complaint.ref}] in the subject.`,
    "",
    "This is an automatic message.",
  ].join("\n");
}

/**
 * Why a new complaint gets no acknowledgement, or null when it does. Auto-replies, bulk mail and
 * bounces never become complaints (the pipeline ignores them), so they never reach here.
 */
export function ackSkipReason(
  complaint: Pick<Complaint, "duplicateOf" | "status" | "tags" | "source" | "ref">,
): string | null {
  if (complaint.source !== "email") return "not received by email";
  if (complaint.duplicateOf || complaint.status === "duplicate") return "duplicate";
  if (complaint.tags.includes("flood")) return "flood-tagged sender";
  if (!complaint.ref) return "no reference";
  return null;
}

/**
 * Acknowledge a new complaint (with `ACK_ENABLED`): one automatic reply with its reference,
 * `Auto-Submitted: auto-replied`, at most one per customer per ACK_MIN_INTERVAL_MINUTES — a lease
 * in the store named by the address, taken and never released, so instances sharing the store
 * agree. Never throws: a missing acknowledgement must not fail the complaint. Returns whether
 * one was written (sent, kept in the outbox, or failed and left for the retry job).
 */
export async function acknowledge(
  ctx: Pick<AppContext, "store" | "blobs" | "mailer" | "config" | "log" | "now" | "policy">,
  locks: KeyedMutex,
  complaint: Complaint,
): Promise<boolean> {
  if (!ctx.config.ACK_ENABLED) return false;
  const skip = ackSkipReason(complaint);
  if (skip) {
    ctx.log.debug("ack_skipped", { complaintId: complaint.id, reason: skip });
    return false;
  }
  try {
    const email = complaint.customer.email.trim().toLowerCase();
    const windowMs = ctx.config.ACK_MIN_INTERVAL_MINUTES * 60_000;
    if (windowMs > 0 && !await ctx.store.tryLease(`ack:${email}`, complaint.id, windowMs)) {
      ctx.log.debug("ack_skipped", { complaintId: complaint.id, reason: "acknowledged recently" });
      return false;
    }
    await sendReply(ctx, locks, complaint.id, {
      text: ackText(complaint),
      by: "system",
      auto: true,
    });
    return true;
  } catch (error) {
    ctx.log.warn("ack_failed", { complaintId: complaint.id, error: String(error) });
    return false;
  }
}
