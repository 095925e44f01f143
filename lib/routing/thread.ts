import type { ComplaintStore } from "../store/port.ts";
import type { ParsedEmail } from "../mime/types.ts";
import type { Complaint } from "../schema/complaint.ts";
import { refFromSubject } from "../complaints/ref.ts";
import { messageIdKey } from "../pipeline/keys.ts";

/** The complaint a message points at, and whether the message may join its thread. */
export interface ThreadMatch {
  complaint: Complaint;
  /**
   * False when only a `[#REF]` in the subject names the complaint and the sender is neither its
   * customer nor anyone on its thread: a reference is easy to copy, so a stranger's mail must
   * not reopen, re-prioritise or write into someone else's complaint.
   */
  joins: boolean;
  via: "reply" | "ref";
}

/**
 * The complaint a message replies to: one whose messages include an id named in In-Reply-To or
 * References (newest first), else one whose `[#REF]` the subject carries. A duplicate resolves to
 * its original.
 */
export async function findThread(
  store: ComplaintStore,
  email: Pick<ParsedEmail, "inReplyTo" | "references" | "subject" | "messageId" | "from">,
): Promise<ThreadMatch | null> {
  const ids = [email.inReplyTo, ...[...email.references].reverse()]
    .filter((id): id is string => !!id && id !== email.messageId);
  for (const id of new Set(ids)) {
    const claim = await store.getProcessedEmail(messageIdKey(id));
    if (!claim?.complaintId) continue;
    const complaint = await store.getComplaint(claim.complaintId);
    if (complaint) {
      return { complaint: await originalOf(store, complaint), joins: true, via: "reply" };
    }
  }
  const ref = refFromSubject(email.subject);
  if (ref) {
    const named = await store.findByRef(ref);
    if (named) {
      const complaint = await originalOf(store, named);
      const sender = email.from?.email ?? "";
      return { complaint, joins: isOnThread(complaint, sender), via: "ref" };
    }
  }
  return null;
}

/**
 * Whether `address` is the complaint's customer or wrote one of its inbound messages (our own
 * replies' From is the support address, which a stranger could forge).
 */
export function isOnThread(complaint: Complaint, address: string): boolean {
  const a = address.trim().toLowerCase();
  if (!a) return false;
  return complaint.customer.email.toLowerCase() === a ||
    complaint.messages.some((m) => m.direction !== "outbound" && m.from.toLowerCase() === a);
}

async function originalOf(store: ComplaintStore, complaint: Complaint): Promise<Complaint> {
  // A duplicate leads to its original, a merged complaint to the one it was merged into.
  let current = complaint;
  for (let hop = 0; hop < 5; hop++) {
    const next = current.mergedInto ?? current.duplicateOf;
    if (!next) break;
    const found = await store.getComplaint(next);
    if (!found) break;
    current = found;
  }
  return current;
}
