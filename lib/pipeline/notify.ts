import type { AppContext } from "../context.ts";
import type { Complaint } from "../schema/complaint.ts";
import { shouldAlert } from "./decide.ts";

/** The notify stage: alert on a new urgent complaint; a failing notifier never fails ingestion. */
export async function alertNew(ctx: AppContext, complaint: Complaint): Promise<void> {
  if (!shouldAlert(complaint.priority)) return;
  try {
    await ctx.notifier.notify({ complaint, kind: "new", level: complaint.escalationLevel });
  } catch (err) {
    ctx.log.error("notify_failed", { id: complaint.id, error: String(err) });
  }
}
