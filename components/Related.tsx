import type { Complaint } from "../lib/schema/complaint.ts";

const link = (id: string) => (
  <a href={`/complaints/${encodeURIComponent(id)}`}>#{id.slice(-6).toUpperCase()}</a>
);

/** The original this complaint repeats, and the duplicates that repeat it. */
export function Related({ complaint: c }: { complaint: Complaint }) {
  if (!c.duplicateOf && c.relatedComplaints.length === 0) return null;
  return (
    <section class="card related">
      <h2>Duplicates</h2>
      {c.duplicateOf ? <p class="duplicate-of">Duplicate of {link(c.duplicateOf)}</p> : null}
      {c.relatedComplaints.length > 0
        ? (
          <p class="duplicates">
            Repeated by{" "}
            {c.relatedComplaints.map((id, i) => <span key={id}>{i > 0 ? ", " : ""}{link(id)}
            </span>)}
          </p>
        )
        : null}
    </section>
  );
}
