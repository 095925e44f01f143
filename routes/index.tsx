import type { Handlers, PageProps } from "../lib/web_state.ts";
import type { Complaint, Stats } from "../lib/schema/complaint.ts";
import { BarChart } from "../components/BarChart.tsx";
import { CountList } from "../components/CountList.tsx";
import { ComplaintTable } from "../components/ComplaintTable.tsx";
import { PollerStatusCard } from "../components/PollerStatus.tsx";
import { listPollerStatus, type PollerStatus } from "../lib/intake/status.ts";
import { TriageAgreementCard } from "../components/TriageAgreement.tsx";
import { loadNewestWithAgreement, type TriageAgreement } from "../lib/complaints/triage.ts";
import { ClaudeUsageCard } from "../components/ClaudeUsage.tsx";
import { usageReport, type UsageReportDay } from "../lib/analyze/usage.ts";

/** How many of the newest complaints the dashboard lists. */
const LATEST = 10;

interface Data {
  stats: Stats;
  latest: Complaint[];
  pollers: PollerStatus[];
  agreement: TriageAgreement;
  usage: UsageReportDay[];
}

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const store = ctx.state.app.store;
    const [stats, { newest, agreement }, pollers, usage] = await Promise.all([
      store.stats(),
      loadNewestWithAgreement(ctx.state.app),
      listPollerStatus(ctx.state.app),
      usageReport(ctx.state.app),
    ]);
    ctx.state.title = "Dashboard";
    return ctx.render({
      stats,
      latest: newest.slice(0, LATEST),
      pollers,
      agreement,
      usage,
    });
  },
};

export default function Dashboard(
  { data: { stats, latest, pollers, agreement, usage } }: PageProps<Data>,
) {
  return (
    <>
      <h1>Dashboard</h1>
      <p class="muted">{stats.total} complaint{stats.total === 1 ? "" : "s"} in total.</p>
      <div class="grid3">
        <CountList title="By status" field="status" counts={stats.byStatus} />
        <CountList title="By category" field="category" counts={stats.byCategory} />
        <CountList title="By priority" field="priority" counts={stats.byPriority} />
      </div>
      <section class="card">
        <h2>Complaints per day</h2>
        <BarChart perDay={stats.perDay} />
      </section>
      <TriageAgreementCard agreement={agreement} />
      <ClaudeUsageCard days={usage} />
      <PollerStatusCard pollers={pollers} />
      <section class="card">
        <h2>Newest complaints</h2>
        <ComplaintTable items={latest} />
        <p>
          <a href="/complaints">All complaints →</a>
        </p>
      </section>
    </>
  );
}
