import type { Handlers, PageProps } from "../lib/web_state.ts";
import {
  buildReport,
  type Report,
  REPORT_DIMENSIONS,
  reportQuerySchema,
  reportRange,
  type ReportRow,
} from "../lib/reports/report.ts";

interface Data {
  report: Report;
  csv: string;
}

/** Reports managers ask for: response and resolution times, SLA shares, triage agreement. */
export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    ctx.state.title = "Reports";
    const parsed = reportQuerySchema.safeParse(Object.fromEntries(ctx.url.searchParams));
    const query = parsed.success ? parsed.data : reportQuerySchema.parse({});
    const { from, to } = reportRange(query, ctx.state.app.now());
    const report = await buildReport(ctx.state.app, query.by, from, to);
    const csv = `/functions/v1/api/reports?${new URLSearchParams({
      by: query.by,
      from,
      to,
      format: "csv",
    })}`;
    return ctx.render({ report, csv });
  },
};

const pct = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)}%`);
const hrs = (n: number | null) => (n === null ? "—" : `${n} h`);

function Row({ r, total }: { r: ReportRow; total?: boolean }) {
  return (
    <tr class={total ? "total" : undefined} data-group={r.key}>
      <td>{total ? <strong>All</strong> : <a href={r.href}>{r.key}</a>}</td>
      <td>{r.complaints}</td>
      <td>{hrs(r.firstResponse.medianHours)}</td>
      <td>{hrs(r.firstResponse.p90Hours)}</td>
      <td>{hrs(r.resolution.medianHours)}</td>
      <td>{hrs(r.resolution.p90Hours)}</td>
      <td>{pct(r.firstResponseWithinSla)}</td>
      <td>{pct(r.resolutionWithinSla)}</td>
      <td>{pct(r.triageAgreement)}</td>
    </tr>
  );
}

export default function Reports({ data: { report, csv } }: PageProps<Data>) {
  return (
    <section>
      <h1>Reports</h1>
      <form method="get" action="/reports" class="filters">
        <label>
          By
          <select name="by">
            {REPORT_DIMENSIONS.map((d) => (
              <option key={d} value={d} selected={d === report.by}>{d}</option>
            ))}
          </select>
        </label>
        <label>
          From <input type="date" name="from" value={report.from} />
        </label>
        <label>
          To <input type="date" name="to" value={report.to} />
        </label>
        <div class="actions">
          <button type="submit">Show</button>
          <a href={csv} download>CSV</a>
        </div>
      </form>
      {report.truncated
        ? <p class="result error">Only the newest 5,000 complaints of the range are counted.</p>
        : null}
      <div class="card">
        <table class="report">
          <thead>
            <tr>
              <th>{report.by}</th>
              <th>Complaints</th>
              <th>First response median</th>
              <th>p90</th>
              <th>Resolution median</th>
              <th>p90</th>
              <th>First response within SLA</th>
              <th>Resolved within SLA</th>
              <th>Triage kept</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => <Row key={r.key} r={r} />)}
            <Row r={report.total} total />
          </tbody>
        </table>
      </div>
      <p class="muted">
        Hours from receipt to the first agent answer and to resolution (wall clock); shares within
        SLA count complaints with a target that got there; duplicates are left out.
      </p>
    </section>
  );
}
