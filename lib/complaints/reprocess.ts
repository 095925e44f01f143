import type { AppContext } from "../ports.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { Complaint } from "../schema/complaint.ts";

/** Processing states an agent may restart: retries failing, or given up ("Needs attention"). */
const REPROCESSABLE = new Set<Complaint["processing"]["state"]>(["failed", "dead"]);

/** The part of the pipeline reprocessing needs. */
export interface Reprocessor {
  reprocess(complaint: Complaint): Promise<Complaint>;
}

/**
 * An agent's Reprocess: the complaint gets a fresh budget of attempts and is processed now.
 * Unknown id → 404; a complaint whose processing did not fail → 409. Resolves with the complaint
 * after the run (done, or failed again with its new error and the retry job behind it).
 */
export async function reprocessComplaint(
  ctx: Pick<AppContext, "store" | "now">,
  pipeline: Reprocessor,
  id: string,
  actor: string,
): Promise<Complaint> {
  const current = await ctx.store.getComplaint(id);
  if (!current) throw new NotFoundError(`No complaint ${id}`);
  if (!REPROCESSABLE.has(current.processing.state)) {
    throw new ConflictError(
      `Complaint ${id} is not waiting for reprocessing (processing: ${current.processing.state})`,
    );
  }
  const at = ctx.now().toISOString();
  const reset = await ctx.store.updateComplaint(id, {
    processing: { state: "failed", attempts: 0, lastError: current.processing.lastError },
    updatedAt: at,
  }, [{
    at,
    actor,
    action: "reprocess_requested",
    details: {
      attempts: current.processing.attempts,
      lastError: current.processing.lastError ?? "",
    },
  }]);
  if (!reset) throw new NotFoundError(`No complaint ${id}`);
  const after = await pipeline.reprocess(reset);
  await ctx.store.flush();
  return after;
}
