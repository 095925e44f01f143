import type { KeyedMutex } from "../keyed_mutex.ts";
import { listAll } from "../store/pages.ts";
import { deliver, isDue, type ReplyContext } from "./reply.ts";

/** A run reads at most this many pages of due complaints; the next run takes the rest. */
const MAX_PAGES = 20;
/** Longer than one complaint's sends (each bounded by the SMTP timeouts). */
const LEASE_MS = 120_000;

/**
 * One run of the outbound retry: every outbound message due again (a failed send past its
 * back-off, or a queued one a crash left) is sent once more. Each complaint is worked under a
 * lease in the store, so several instances or drivers never send the same message twice at once.
 * Returns how many messages were delivered (sent or written to the outbox).
 */
export async function retryOutbound(ctx: ReplyContext, locks: KeyedMutex): Promise<number> {
  const now = ctx.now();
  const owner = crypto.randomUUID();
  let delivered = 0;
  for (
    const listed of await listAll(
      ctx.store,
      { outboundRetryBefore: now.toISOString() },
      MAX_PAGES,
    )
  ) {
    const key = `outbound:${listed.id}`;
    if (!await ctx.store.tryLease(key, owner, LEASE_MS)) continue;
    try {
      // Re-read under the lease: another run may have sent it since the listing.
      const complaint = await ctx.store.getComplaint(listed.id);
      for (const m of complaint?.messages.filter((m) => isDue(m, now)) ?? []) {
        const result = await deliver(ctx, locks, listed.id, m.messageId);
        if (result.state !== "failed") delivered++;
      }
    } catch (error) {
      ctx.log.error("outbound_retry_failed", { complaintId: listed.id, error: String(error) });
    } finally {
      await ctx.store.releaseLease(key, owner).catch(() => {});
    }
  }
  return delivered;
}
