import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import { ConflictError, InvalidError, NotFoundError } from "../errors.ts";
import type { Complaint, HistoryEntry, ThreadMessage } from "../schema/complaint.ts";

type Ctx = Pick<AppContext, "store" | "now">;

/** A complaint named by id or by its reference (`K7Q2MX` or `#K7Q2MX`). */
export async function findComplaint(ctx: Pick<AppContext, "store">, idOrRef: string) {
  const ref = idOrRef.trim().replace(/^#/, "");
  return await ctx.store.getComplaint(ref) ?? await ctx.store.findByRef(ref.toUpperCase());
}

/** Both complaints' locks, in a fixed order so two merges never wait on each other. */
async function withBoth<T>(locks: KeyedMutex, a: string, b: string, fn: () => Promise<T>) {
  const [first, second] = [a, b].sort();
  return await locks.run(`complaint:${first}`, () => locks.run(`complaint:${second}`, fn));
}

/**
 * Merge `source` into `target`: the source's email becomes a message on the target's thread,
 * with its replies, attachments and history (marked as merged from it); the source is closed and
 * leads to the target from then on (its page redirects; answers to it join the target).
 */
export async function mergeComplaints(
  ctx: Ctx,
  locks: KeyedMutex,
  targetId: string,
  sourceRef: string,
  actor: string,
): Promise<Complaint> {
  const target = await ctx.store.getComplaint(targetId);
  if (!target) throw new NotFoundError(`No complaint ${targetId}`);
  const source = await findComplaint(ctx, sourceRef);
  if (!source) throw new NotFoundError(`No complaint ${sourceRef}`);
  if (source.id === target.id) throw new InvalidError("A complaint cannot be merged into itself.");
  if (source.mergedInto || target.mergedInto) {
    throw new ConflictError("One of them was already merged into another complaint.");
  }
  return await withBoth(locks, target.id, source.id, async () => {
    const t = (await ctx.store.getComplaint(target.id))!;
    const s = (await ctx.store.getComplaint(source.id))!;
    const at = ctx.now().toISOString();
    const original: ThreadMessage = {
      direction: "inbound",
      messageId: s.messageId,
      from: s.customer.email,
      subject: s.subject,
      text: s.description,
      attachments: s.attachments,
      receivedAt: s.receivedAt,
      ...(s.sentAt ? { sentAt: s.sentAt } : {}),
    };
    const messages = [...t.messages, original, ...s.messages]
      .sort((x, y) => Date.parse(x.receivedAt) - Date.parse(y.receivedAt));
    const keys = new Set(t.attachments.map((a) => a.storageKey));
    const attachments = [...t.attachments, ...s.attachments.filter((a) => !keys.has(a.storageKey))];
    const moved: HistoryEntry[] = s.history.map((h) => ({
      ...h,
      details: { ...h.details, mergedFrom: s.ref },
    }));
    const merged = await ctx.store.updateComplaint(t.id, {
      messages,
      attachments,
      relatedComplaints: [...new Set([...t.relatedComplaints, ...s.relatedComplaints, s.id])]
        .filter((id) => id !== t.id),
      updatedAt: at,
    }, [...moved, { at, actor, action: "merged", details: { from: s.id, ref: s.ref } }]);
    await ctx.store.updateComplaint(s.id, {
      mergedInto: t.id,
      status: "closed",
      updatedAt: at,
    }, [{ at, actor, action: "merged_into", details: { into: t.id, ref: t.ref } }]);
    await ctx.store.flush();
    return merged!;
  });
}

/**
 * Undo an automatic duplicate link: the complaint stands on its own again (`new`, or in progress
 * with an assignee), both histories say so, and it counts as the detector's miss
 * (`notDuplicateOf`, in the duplicate statistics).
 */
export async function markNotDuplicate(
  ctx: Ctx,
  locks: KeyedMutex,
  id: string,
  actor: string,
): Promise<Complaint> {
  const current = await ctx.store.getComplaint(id);
  if (!current) throw new NotFoundError(`No complaint ${id}`);
  const original = current.duplicateOf;
  if (!original) throw new ConflictError(`Complaint ${id} is not marked as a duplicate.`);
  return await locks.run(`complaint:${id}`, async () => {
    const at = ctx.now().toISOString();
    const status = current.status === "duplicate"
      ? (current.assignee ? "in_progress" : "new")
      : current.status;
    const updated = await ctx.store.updateComplaint(id, {
      duplicateOf: null,
      notDuplicateOf: original,
      status,
      updatedAt: at,
    }, [{ at, actor, action: "not_duplicate", details: { of: original, status } }]);
    await ctx.store.updateComplaint(original, { updatedAt: at }, [{
      at,
      actor,
      action: "duplicate_undone",
      details: { id },
    }]);
    await ctx.store.flush();
    return updated!;
  });
}
