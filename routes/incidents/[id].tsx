import type { Handlers, PageProps } from "../../lib/web_state.ts";
import { CATEGORY_INFO, type Complaint, type ListResult } from "../../lib/schema/complaint.ts";
import type { Incident } from "../../lib/schema/incident.ts";
import { incidentMembersQuerySchema, incidentResolveSchema } from "../../lib/schema/incident.ts";
import { incidentWithMembers, resolveIncident } from "../../lib/incidents/service.ts";
import { readPageForm } from "../../lib/web/page_body.ts";
import { redirect } from "../../lib/web/http.ts";
import { formatDateTime } from "../../lib/web/format.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { ComplaintTable } from "../../components/ComplaintTable.tsx";
import { Pagination } from "../../components/Pagination.tsx";

interface Data {
  incident: Incident;
  members: ListResult<Complaint>;
  csrf: string;
  now: Date;
  error?: string;
}

async function load(req: Request, ctx: Parameters<Handlers<Data>["GET"] & object>[1]) {
  // A page past the members or a bad number shows the first: the page is a view, not an API.
  const query = incidentMembersQuerySchema.safeParse(
    Object.fromEntries(new URL(req.url).searchParams),
  );
  try {
    return await incidentWithMembers(
      ctx.state.app,
      ctx.params.id,
      query.success ? query.data : { page: 1, limit: 50 },
    );
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/** One incident: its members, and "resolve all" with one note. */
export const handler: Handlers<Data> = {
  async GET(req, ctx) {
    const found = await load(req, ctx);
    if (!found) return ctx.renderNotFound();
    ctx.state.title = found.incident.title;
    return ctx.render({ ...found, csrf: ctx.state.session!.csrf, now: ctx.state.app.now() });
  },
  /** Resolve every open member with the note (the middleware has checked the CSRF token). */
  async POST(req, ctx) {
    const found = await load(req, ctx);
    if (!found) return ctx.renderNotFound();
    const form = await readPageForm(req);
    const parsed = incidentResolveSchema.safeParse({ note: String(form?.get("note") ?? "") });
    if (!parsed.success) {
      ctx.state.title = found.incident.title;
      return ctx.render(
        {
          ...found,
          csrf: ctx.state.session!.csrf,
          now: ctx.state.app.now(),
          error: "Write the note every member gets.",
        },
        { status: 422 },
      );
    }
    const session = ctx.state.session!;
    await resolveIncident(ctx.state.app, ctx.params.id, session.agent.email, parsed.data.note);
    return redirect(`/incidents/${encodeURIComponent(ctx.params.id)}`);
  },
};

export default function IncidentPage({ data }: PageProps<Data>) {
  const i = data.incident;
  return (
    <section>
      <p>
        <a href="/incidents">← Incidents</a>
      </p>
      <h1>{i.title}</h1>
      <p class="muted">
        {CATEGORY_INFO[i.category]?.label ?? i.category} · {i.customerCount} customers ·{" "}
        {i.memberCount} complaints · <time dateTime={i.firstAt}>{formatDateTime(i.firstAt)}</time>
        {" – "}
        <time dateTime={i.lastAt}>{formatDateTime(i.lastAt)}</time> ·{" "}
        <strong class={`incident-${i.status}`}>{i.status}</strong>
      </p>
      {i.status === "resolved"
        ? (
          <p class="result ok" role="status">
            Resolved by {i.resolvedBy} {i.resolvedAt ? `on ${formatDateTime(i.resolvedAt)}` : ""}:
            {" "}
            {i.note}
          </p>
        )
        : null}
      {data.error ? <p class="result error" role="alert">{data.error}</p> : null}
      <div class="card">
        <h2>Complaints</h2>
        <ComplaintTable items={data.members.items} now={data.now} />
        {data.members.total > data.members.limit
          ? (
            <Pagination
              href={(page) =>
                `/incidents/${encodeURIComponent(i.id)}?page=${page}&limit=${data.members.limit}`}
              page={data.members.page}
              limit={data.members.limit}
              total={data.members.total}
              newestFirst
            />
          )
          : null}
      </div>
      {i.status === "open"
        ? (
          <div class="card">
            <h2>Resolve all</h2>
            <form method="post" class="resolve-incident">
              <input type="hidden" name="_csrf" value={data.csrf} />
              <label>
                Note for every complaint
                <textarea name="note" required maxLength={5000} rows={3} />
              </label>
              <button type="submit">Resolve {i.memberCount} complaints</button>
            </form>
          </div>
        )
        : null}
    </section>
  );
}
