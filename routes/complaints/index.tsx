import type { Handlers, PageProps } from "../../lib/web_state.ts";
import {
  type Complaint,
  type ListResult,
  PRIORITIES,
  STATUSES,
} from "../../lib/schema/complaint.ts";
import { pageHref, type ParsedList, parseListParams } from "../../lib/complaints/list_params.ts";
import { FilterForm } from "../../components/FilterForm.tsx";
import { ComplaintTable } from "../../components/ComplaintTable.tsx";
import { Pagination } from "../../components/Pagination.tsx";
import QueueKeys from "../../islands/QueueKeys.tsx";
import LiveQueue from "../../islands/LiveQueue.tsx";
import {
  builtInViews,
  currentView,
  deleteView,
  type QueueView,
  saveView,
} from "../../lib/complaints/views.ts";
import {
  applyBulk,
  BULK_FIELDS,
  BULK_MAX,
  bulkSummary,
  isBulkOp,
} from "../../lib/complaints/bulk.ts";
import { activeAgents } from "../../lib/auth/agents.ts";
import { authorOfSession, visibleSavedReplies } from "../../lib/replies/saved.ts";
import { readPageForm } from "../../lib/web/page_body.ts";
import { formText } from "../../lib/http/form_fields.ts";
import { httpAnswerFor } from "../../lib/http/error_middleware.ts";
import type { AgentView } from "../../lib/schema/agent.ts";
import type { SavedReply } from "../../lib/schema/saved_reply.ts";
import type { WebState } from "../../lib/web_state.ts";
import { InvalidError } from "../../lib/errors.ts";

interface Data {
  parsed: ParsedList;
  result: ListResult<Complaint>;
  now: Date;
  me: string;
  csrf: string;
  views: QueueView[];
  saved: QueueView[];
  query: string;
  agents: AgentView[];
  replies: SavedReply[];
  notice?: string;
  error?: string;
  /** The ids of a refused bulk action, checked again so the agent's choice is not lost. */
  chosen?: string[];
}

async function load(state: WebState, url: URL, extra: Partial<Data> = {}): Promise<Data> {
  const session = state.session!;
  const params = new URLSearchParams(url.searchParams);
  const parsed = parseListParams(params);
  const now = state.app.now();
  // The queue works soonest-due first unless the agent chose another order.
  const query = { ...parsed.query, sort: parsed.query.sort ?? "sla", slaNow: now.toISOString() };
  const [result, agents, replies] = await Promise.all([
    state.app.store.listComplaints(query),
    activeAgents(state.app),
    visibleSavedReplies(state.app, authorOfSession(session)),
  ]);
  params.delete("page");
  return {
    parsed,
    result,
    now,
    me: session.agent.email,
    csrf: session.csrf,
    views: builtInViews(session.agent.email, session.agent.team),
    saved: (session.agent.views ?? []).map((v) => ({ id: v.name, label: v.name, query: v.query })),
    query: params.toString(),
    agents,
    replies,
    ...extra,
  };
}

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    ctx.state.title = "Complaints";
    return ctx.render(await load(ctx.state, ctx.url));
  },
  /** Save or delete a view, or apply a bulk action (the middleware has checked CSRF). */
  async POST(req, ctx) {
    ctx.state.title = "Complaints";
    const session = ctx.state.session!;
    const app = ctx.state.app;
    const form = await readPageForm(req);
    const action = formText(form, "_action");
    let notice: string | undefined;
    let error: string | undefined;
    let chosen: string[] | undefined;
    let status = 200;
    try {
      if (action === "save_view") {
        const name = formText(form, "name") ?? "";
        await saveView(app, session.agentId, name, ctx.url.searchParams.toString());
        notice = `View “${name.trim()}” saved.`;
      } else if (action === "delete_view") {
        await deleteView(app, session.agentId, formText(form, "name") ?? "");
        notice = "View deleted.";
      } else if (action === "bulk") {
        const op = formText(form, "op");
        if (!isBulkOp(op)) throw new InvalidError("Choose what to do with them.");
        const value = formText(form, BULK_FIELDS[op]);
        const ids = (form?.getAll("ids") ?? []).filter((v): v is string => typeof v === "string");
        chosen = ids;
        const who = { ...authorOfSession(session), signature: session.agent.signature };
        const result = await applyBulk(app, app.pipeline.locks, ids, op, value ?? "", who);
        chosen = undefined;
        const summary = bulkSummary(op, result);
        notice = summary.notice;
        if (summary.problems.length) error = summary.problems.join("; ");
      } else {
        throw new InvalidError("Unknown action.");
      }
    } catch (err) {
      const answer = httpAnswerFor(err);
      if (!answer || answer.status >= 500) throw err;
      status = answer.status;
      error = answer.message;
    }
    // Re-read the session's agent: a saved view shows at once.
    const agent = await app.store.getAgent(session.agentId);
    if (agent) session.agent = { ...session.agent, views: agent.views };
    return ctx.render(await load(ctx.state, ctx.url, { notice, error, chosen }), { status });
  },
};

function ViewLinks(
  { views, query, saved, csrf }: {
    views: QueueView[];
    query: string;
    saved: QueueView[];
    csrf: string;
  },
) {
  const active = currentView([...views, ...saved], query);
  return (
    <nav class="quick-filters views" aria-label="Views">
      {views.map((v, i) => (
        <span key={v.id}>
          {i > 0 ? " · " : ""}
          <a
            href={v.query ? `/complaints?${v.query}` : "/complaints"}
            aria-current={active?.id === v.id ? "page" : undefined}
            data-view={v.id}
          >
            {v.label}
          </a>
        </span>
      ))}
      {saved.map((v) => (
        <span key={`saved-${v.id}`} class="saved-view">
          {" · "}
          <a
            href={`/complaints?${v.query}`}
            aria-current={active?.id === v.id ? "page" : undefined}
          >
            {v.label}
          </a>
          <form method="post" class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="_action" value="delete_view" />
            <input type="hidden" name="name" value={v.id} />
            <button type="submit" class="link" aria-label={`Delete view ${v.label}`}>×</button>
          </form>
        </span>
      ))}
    </nav>
  );
}

function BulkForm(
  { csrf, agents, replies }: { csrf: string; agents: AgentView[]; replies: SavedReply[] },
) {
  return (
    <form method="post" id="bulk" class="bulk row">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="_action" value="bulk" />
      <span class="muted">With the chosen (at most {BULK_MAX} at a time):</span>
      <label>
        <select name="assignee" aria-label="Assign to">
          <option value="">nobody</option>
          {agents.map((a) => <option key={a.id} value={a.email}>{a.name}</option>)}
        </select>
        <button type="submit" name="op" value="assign">Assign</button>
      </label>
      {([["status", STATUSES], ["priority", PRIORITIES]] as const).map(([name, values]) => (
        <label key={name}>
          <select name={name} aria-label={name}>
            {values.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
          <button type="submit" name="op" value={name}>Set {name}</button>
        </label>
      ))}
      {replies.length > 0
        ? (
          <label>
            <select name="reply" aria-label="Saved reply">
              {replies.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
            </select>
            <button type="submit" name="op" value="reply">Reply</button>
          </label>
        )
        : null}
    </form>
  );
}

export default function Complaints({ data }: PageProps<Data>) {
  const { parsed, result, now } = data;
  return (
    <>
      <h1>Complaints</h1>
      <ViewLinks views={data.views} saved={data.saved} query={data.query} csrf={data.csrf} />
      <FilterForm values={parsed.values} />
      <form method="post" class="save-view row">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <input type="hidden" name="_action" value="save_view" />
        <label>
          Save this view as <input name="name" maxLength={60} required />
        </label>
        <button type="submit">Save view</button>
      </form>
      {data.notice ? <p class="result ok" role="status">{data.notice}</p> : null}
      {data.error ? <p class="result error" role="alert">{data.error}</p> : null}
      {parsed.invalid.length > 0
        ? (
          <p class="result error" role="alert">
            Ignored invalid filter value{parsed.invalid.length > 1 ? "s" : ""}:{" "}
            {parsed.invalid.join(", ")}.
          </p>
        )
        : null}
      <BulkForm csrf={data.csrf} agents={data.agents} replies={data.replies} />
      <QueueKeys csrf={data.csrf} me={data.me} />
      <LiveQueue me={data.me} />
      <ComplaintTable
        items={result.items}
        now={now}
        selectForm="bulk"
        chosen={data.chosen ? new Set(data.chosen) : undefined}
      />
      <Pagination
        href={(page) => pageHref(parsed.values, page)}
        page={result.page}
        limit={result.limit}
        total={result.total}
      />
    </>
  );
}
