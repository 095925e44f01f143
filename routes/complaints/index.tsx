import type { Handlers, PageProps } from "../../lib/web_state.ts";
import type { Complaint, ListResult } from "../../lib/schema/complaint.ts";
import { type ParsedList, parseListParams } from "../../lib/complaints/list_params.ts";
import { FilterForm } from "../../components/FilterForm.tsx";
import { ComplaintTable } from "../../components/ComplaintTable.tsx";
import { Pagination } from "../../components/Pagination.tsx";

interface Data {
  parsed: ParsedList;
  result: ListResult<Complaint>;
  now: Date;
  me: string;
  /** The agent's team, for "My team" (none when the agent has no team). */
  myTeam: string;
}

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const parsed = parseListParams(ctx.url.searchParams);
    const now = ctx.state.app.now();
    const query = { ...parsed.query, slaNow: now.toISOString() };
    const result = await ctx.state.app.store.listComplaints(query);
    ctx.state.title = "Complaints";
    return ctx.render({
      parsed,
      result,
      now,
      me: ctx.state.session!.agent.email,
      myTeam: ctx.state.session!.agent.team,
    });
  },
};

export default function Complaints({ data: { parsed, result, now, me, myTeam } }: PageProps<Data>) {
  const mine = parsed.values.assignee.toLowerCase() === me;
  const unassigned = parsed.values.unassigned === "true";
  const team = myTeam !== "" && parsed.values.team === myTeam;
  return (
    <>
      <h1>Complaints</h1>
      <nav class="quick-filters" aria-label="Assignment">
        <a href="/complaints" aria-current={!mine && !unassigned && !team ? "page" : undefined}>
          All
        </a>
        {" · "}
        <a
          href={`/complaints?assignee=${encodeURIComponent(me)}`}
          aria-current={mine ? "page" : undefined}
        >
          Assigned to me
        </a>
        {" · "}
        <a href="/complaints?unassigned=true" aria-current={unassigned ? "page" : undefined}>
          Unassigned
        </a>
        {myTeam
          ? (
            <>
              {" · "}
              <a
                href={`/complaints?team=${encodeURIComponent(myTeam)}`}
                aria-current={team ? "page" : undefined}
              >
                My team
              </a>
            </>
          )
          : null}
      </nav>
      <FilterForm values={parsed.values} />
      {parsed.invalid.length > 0
        ? (
          <p class="result error" role="alert">
            Ignored invalid filter value{parsed.invalid.length > 1 ? "s" : ""}:{" "}
            {parsed.invalid.join(", ")}.
          </p>
        )
        : null}
      <ComplaintTable items={result.items} now={now} />
      <Pagination
        values={parsed.values}
        page={result.page}
        limit={result.limit}
        total={result.total}
      />
    </>
  );
}
