import type { Complaint } from "../lib/schema/complaint.ts";
import { formatDateTime } from "../lib/web/format.ts";
import { Badge } from "./Badge.tsx";
import { SlaBadge } from "./SlaBadge.tsx";

/**
 * The complaints list: one row per complaint, the subject links to its page. `selectForm` names
 * the bulk-action form the rows' checkboxes belong to; `chosen` ids start checked (a refused
 * bulk action keeps the agent's choice).
 */
export function ComplaintTable(
  { items, now = new Date(), selectForm, chosen }: {
    items: Complaint[];
    now?: Date;
    selectForm?: string;
    chosen?: ReadonlySet<string>;
  },
) {
  if (items.length === 0) return <p class="empty">No complaints match.</p>;
  return (
    <table class="complaints">
      <thead>
        <tr>
          {selectForm
            ? (
              <th class="select">
                <span class="sr-only">Choose</span>
              </th>
            )
            : null}
          <th>Received</th>
          <th>Customer</th>
          <th>Subject</th>
          <th>Category</th>
          <th>Priority</th>
          <th>Status</th>
          <th>SLA</th>
          <th>Assignee</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id} data-id={c.id}>
            {selectForm
              ? (
                <td class="select">
                  <input
                    type="checkbox"
                    name="ids"
                    value={c.id}
                    form={selectForm}
                    checked={chosen?.has(c.id)}
                    aria-label={`Choose ${c.subject || c.id}`}
                  />
                </td>
              )
              : null}
            <td class="nowrap">{formatDateTime(c.receivedAt)}</td>
            <td>{c.customer.name || c.customer.email}</td>
            <td>
              <a href={`/complaints/${encodeURIComponent(c.id)}`}>{c.subject || "(no subject)"}</a>
              {c.processing.state === "failed" || c.processing.state === "dead"
                ? (
                  <div class="last-error muted">
                    {c.processing.state === "dead" ? "Gave up" : "Failed"} after{" "}
                    {c.processing.attempts}: {c.processing.lastError ?? "unknown error"}
                  </div>
                )
                : null}
            </td>
            <td>
              <Badge kind="category" value={c.category} />
            </td>
            <td>
              <Badge kind="priority" value={c.priority} />
            </td>
            <td>
              <Badge kind="status" value={c.status} />
            </td>
            <td>
              <SlaBadge complaint={c} now={now} />
            </td>
            <td>{c.assignee ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
