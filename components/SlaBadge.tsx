import type { Complaint } from "../lib/schema/complaint.ts";
import { slaState } from "../lib/escalation/policy.ts";
import { formatDateTime, humanize } from "../lib/web/format.ts";

/** The complaint's SLA state (on time, due soon, overdue) with the due time as a tooltip. */
export function SlaBadge({ complaint, now }: { complaint: Complaint; now: Date }) {
  const state = slaState(complaint, now);
  if (state === "closed" || !complaint.slaDueAt) return <span class="muted">—</span>;
  return (
    <span class={`badge sla-${state}`} title={`SLA due ${formatDateTime(complaint.slaDueAt)}`}>
      {humanize(state)}
    </span>
  );
}
