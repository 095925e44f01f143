import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import type { Complaint, ProcessedEmail } from "../schema/complaint.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { newId } from "../crypto.ts";
import { messageIdKey } from "../pipeline/keys.ts";

/** The part of the pipeline a split needs. */
export interface AloneProcessor {
  processAlone(claim: ProcessedEmail): Promise<Complaint>;
}

/**
 * Split a customer's message out of a complaint's thread into a complaint of its own: it is
 * analysed, routed and alerted like any new complaint (but never threaded back), leaves the
 * thread, and both histories say so. Answers to that message then go to the new complaint.
 */
export async function splitMessage(
  ctx: Pick<AppContext, "store" | "now">,
  locks: KeyedMutex,
  pipeline: AloneProcessor,
  complaintId: string,
  messageId: string,
  actor: string,
): Promise<Complaint> {
  const complaint = await ctx.store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError(`No complaint ${complaintId}`);
  const message = complaint.messages.find((m) => m.messageId === messageId);
  if (!message) throw new NotFoundError(`No message ${messageId} on ${complaintId}`);
  if (message.direction === "outbound") {
    throw new ConflictError("Only a customer's message can become a complaint.");
  }
  const key = messageIdKey(messageId);
  const claim = await ctx.store.getProcessedEmail(key);
  if (!claim) throw new NotFoundError(`The raw email of ${messageId} is not on record`);
  const id = newId(ctx.now().getTime());
  const at = ctx.now().toISOString();
  // The message's claim now names the complaint it becomes; processing fills it.
  await ctx.store.updateProcessedEmail(key, {
    complaintId: id,
    outcome: "received",
    updatedAt: at,
  });
  const created = await pipeline.processAlone({ ...claim, complaintId: id, outcome: "received" });
  await locks.run(`complaint:${complaintId}`, async () => {
    const current = (await ctx.store.getComplaint(complaintId))!;
    await ctx.store.updateComplaint(complaintId, {
      messages: current.messages.filter((m) => m.messageId !== messageId),
      relatedComplaints: [...new Set([...current.relatedComplaints, created.id])],
      updatedAt: at,
    }, [{
      at,
      actor,
      action: "split_out",
      details: { messageId, into: created.id, ref: created.ref },
    }]);
  });
  const done = await ctx.store.updateComplaint(created.id, {
    relatedComplaints: [...new Set([...created.relatedComplaints, complaintId])],
  }, [{ at, actor, action: "split_from", details: { from: complaintId, ref: complaint.ref } }]);
  await ctx.store.flush();
  return done ?? created;
}
