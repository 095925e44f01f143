import type { ComplaintStore } from "../store/port.ts";
import type { ParsedEmail } from "../mime/types.ts";
import type { Complaint } from "../schema/complaint.ts";
import { refFromSubject } from "../complaints/ref.ts";

/**
 * The complaint a message replies to: one whose messages include an id named in In-Reply-To or
 * References (newest first), else one whose `[#REF]` the subject carries. A duplicate resolves to
 * its original.
 */
export async function findThread(
  store: ComplaintStore,
  email: Pick<ParsedEmail, "inReplyTo" | "references" | "subject" | "messageId">,
): Promise<Complaint | null> {
  const ids = [email.inReplyTo, ...[...email.references].reverse()]
    .filter((id): id is string => !!id && id !== email.messageId);
  for (const id of new Set(ids)) {
    const claim = await store.getProcessedEmail(`mid:${id}`);
    if (!claim?.complaintId) continue;
    const complaint = await store.getComplaint(claim.complaintId);
    if (complaint) return await originalOf(store, complaint);
  }
  const ref = refFromSubject(email.subject);
  if (ref) {
    const complaint = await store.findByRef(ref);
    if (complaint) return await originalOf(store, complaint);
  }
  return null;
}

async function originalOf(store: ComplaintStore, complaint: Complaint): Promise<Complaint> {
  if (!complaint.duplicateOf) return complaint;
  return await store.getComplaint(complaint.duplicateOf) ?? complaint;
}
