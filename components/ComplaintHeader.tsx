import type { Complaint } from "../lib/schema/complaint.ts";
import { formatDateTime, formatPercent } from "../lib/web/format.ts";
import { Badge } from "./Badge.tsx";
import { SlaBadge } from "./SlaBadge.tsx";

/** Subject, sender, date and the classification facts of a complaint. */
export function ComplaintHeader({ complaint: c, now }: { complaint: Complaint; now: Date }) {
  return (
    <>
      <h1 class="subject">{c.subject || "(no subject)"}</h1>
      <p class="ref muted">Reference [#{c.ref}]: keep it in reply subjects</p>
      <p class="muted">
        <span>
          From {c.customer.name ? `${c.customer.name} <${c.customer.email}>` : c.customer.email}
        </span>{" "}
        · received <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>
      </p>
      <dl class="facts">
        <div>
          <dt>Category</dt>
          <dd>
            <Badge kind="category" value={c.category} />
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>
            <Badge kind="priority" value={c.priority} />
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd class="status">
            <Badge kind="status" value={c.status} />
          </dd>
        </div>
        <div>
          <dt>SLA</dt>
          <dd class="sla">
            <SlaBadge complaint={c} now={now} />{" "}
            {c.slaDueAt ? <time dateTime={c.slaDueAt}>{formatDateTime(c.slaDueAt)}</time> : null}
          </dd>
        </div>
        <div>
          <dt>Escalation</dt>
          <dd>level {c.escalationLevel}{c.team ? ` · ${c.team}` : ""}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{c.assignee ?? "—"}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{c.language}</dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{formatPercent(c.confidence)}</dd>
        </div>
        {c.incidentId
          ? (
            <div class="incident">
              <dt>Incident</dt>
              <dd>
                <a href={`/incidents/${encodeURIComponent(c.incidentId)}`}>
                  many customers report this
                </a>
              </dd>
            </div>
          )
          : null}
        <div class="triaged-by">
          <dt>Triaged by</dt>
          <dd>
            {c.analysis?.analyzer ?? "—"}
            {c.analysis?.fallback
              ? ` (${c.analysis.fallback.from}: ${c.analysis.fallback.reason})`
              : ""}
            {c.modelRetryAt
              ? (
                <>
                  {" · "}
                  {c.analysis?.fallback?.from ?? "the model"} reads it again from{" "}
                  <time dateTime={c.modelRetryAt}>{formatDateTime(c.modelRetryAt)}</time>
                </>
              )
              : null}
          </dd>
        </div>
      </dl>
    </>
  );
}
