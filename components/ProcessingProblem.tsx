import type { Complaint } from "../lib/schema/complaint.ts";
import { formatDateTime } from "../lib/web/format.ts";
import ReprocessButton from "../islands/ReprocessButton.tsx";

/**
 * Why a complaint is incomplete: processing failed (retried with back-off) or was given up
 * (waiting for an agent), with the last error and a Reprocess button. Nothing when processed.
 */
export function ProcessingProblem({ complaint: c, csrf }: { complaint: Complaint; csrf: string }) {
  const p = c.processing;
  if (p.state !== "failed" && p.state !== "dead") return null;
  return (
    <section class="card problem" role="alert">
      <h2>{p.state === "dead" ? "Needs attention: processing gave up" : "Processing failed"}</h2>
      <p>
        {p.attempts} attempt{p.attempts === 1 ? "" : "s"}. {p.state === "failed" && p.nextAttemptAt
          ? <>Next automatic attempt {formatDateTime(p.nextAttemptAt)}.</>
          : "No more automatic attempts."}
      </p>
      {p.lastError ? <pre class="last-error">{p.lastError}</pre> : null}
      <ReprocessButton id={c.id} csrf={csrf} />
    </section>
  );
}
