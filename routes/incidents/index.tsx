import type { Handlers, PageProps } from "../../lib/web_state.ts";
import { CATEGORY_INFO } from "../../lib/schema/complaint.ts";
import type { Incident } from "../../lib/schema/incident.ts";
import { formatDateTime } from "../../lib/web/format.ts";

interface Data {
  open: Incident[];
  resolved: Incident[];
}

/** Incidents: many customers reporting the same thing; open ones first. */
export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    ctx.state.title = "Incidents";
    const store = ctx.state.app.store;
    const [open, resolved] = await Promise.all([
      store.listIncidents({ status: "open", limit: 100 }),
      store.listIncidents({ status: "resolved", limit: 20 }),
    ]);
    return ctx.render({ open, resolved });
  },
};

function IncidentTable({ items }: { items: Incident[] }) {
  if (items.length === 0) return <p class="muted">None.</p>;
  return (
    <table class="incidents">
      <thead>
        <tr>
          <th>What customers report</th>
          <th>Category</th>
          <th>Customers</th>
          <th>Complaints</th>
          <th>Last</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id} data-incident={i.id}>
            <td>
              <a href={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</a>
            </td>
            <td>{CATEGORY_INFO[i.category]?.label ?? i.category}</td>
            <td>{i.customerCount}</td>
            <td>{i.memberCount}</td>
            <td>
              <time dateTime={i.lastAt}>{formatDateTime(i.lastAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Incidents({ data }: PageProps<Data>) {
  return (
    <section>
      <h1>Incidents</h1>
      <div class="card">
        <h2>Open</h2>
        <IncidentTable items={data.open} />
      </div>
      <div class="card">
        <h2>Recently resolved</h2>
        <IncidentTable items={data.resolved} />
      </div>
    </section>
  );
}
