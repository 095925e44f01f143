import type { HistoryEntry } from "../lib/schema/complaint.ts";
import { formatDateTime, humanize } from "../lib/web/format.ts";

function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("; ");
}

/** The complaint's history, newest first. */
export function History({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <p class="empty">No history yet.</p>;
  return (
    <ol class="history">
      {[...entries].reverse().map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>
          <span class="action">{humanize(e.action)}</span>
          <span class="actor">by {e.actor}</span>
          {Object.keys(e.details).length > 0
            ? <div class="details">{detailText(e.details)}</div>
            : null}
        </li>
      ))}
    </ol>
  );
}
