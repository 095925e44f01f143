/** One day as `usageReport` gives it (the fields shown). */
interface UsageDayView {
  day: string;
  models: string[];
  calls: number;
  input: number;
  output: number;
  cacheRead: number;
  costUsd: number | null;
}

const number = (n: number) => n.toLocaleString("en-US");
const dollars = (n: number | null) => n === null ? "—" : `$${n.toFixed(n < 1 ? 4 : 2)}`;

/** Claude's calls, tokens and estimated cost per day (nothing when Claude was never called). */
export function ClaudeUsageCard({ days }: { days: UsageDayView[] }) {
  return (
    <section class="card claude-usage">
      <h2>Claude usage</h2>
      {days.length === 0 ? <p class="muted">No Claude calls in the last 14 days.</p> : (
        <table>
          <thead>
            <tr>
              <th>Day</th>
              <th>Calls</th>
              <th>Input tokens</th>
              <th>of which cached</th>
              <th>Output tokens</th>
              <th>Estimated cost</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <td>{d.day}</td>
                <td>{number(d.calls)}</td>
                <td>{number(d.input)}</td>
                <td>{number(d.cacheRead)}</td>
                <td>{number(d.output)}</td>
                <td class="cost" title={d.models.join(", ")}>{dollars(d.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">
        Estimates from <code>CLAUDE_PRICES</code>; "—" when a model has no price set.
      </p>
    </section>
  );
}
