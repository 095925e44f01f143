import type { AgreementRow, TriageAgreement } from "../lib/complaints/triage.ts";
import { formatPercent } from "../lib/web/format.ts";

const share = (r: AgreementRow) => r.share === null ? "—" : formatPercent(r.share);

/** How often agents kept each analyzer's category and priority. */
export function TriageAgreementCard({ agreement }: { agreement: TriageAgreement }) {
  return (
    <section class="card triage-agreement">
      <h2>Triage agreement</h2>
      <p class="muted">
        Share of analysed complaints whose category and priority agents kept (newest{" "}
        {agreement.window} complaints).
      </p>
      <table>
        <thead>
          <tr>
            <th>Analyzer</th>
            <th>Analysed</th>
            <th>Category kept</th>
            <th>Priority kept</th>
            <th>Both kept</th>
          </tr>
        </thead>
        <tbody>
          {[...agreement.byAnalyzer, agreement.overall].map((r) => (
            <tr key={r.analyzer} class={`agreement-${r.analyzer}`}>
              <td>{r.analyzer}</td>
              <td>{r.analysed}</td>
              <td>{r.categoryKept}</td>
              <td>{r.priorityKept}</td>
              <td>
                <strong>{share(r)}</strong> ({r.kept})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
