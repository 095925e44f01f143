import type { Handlers, PageProps } from "../lib/web_state.ts";
import { isAdmin, listAgentViews } from "../lib/auth/agents.ts";
import { submitAgentsForm } from "../lib/auth/agent_forms.ts";
import { readPageForm } from "../lib/web/page_body.ts";
import { httpAnswerFor } from "../lib/http/error_middleware.ts";
import { AGENT_ROLES, type AgentView, PASSWORD_MIN_LENGTH } from "../lib/schema/agent.ts";

interface Data {
  agents: AgentView[];
  csrf: string;
  selfId: string;
  notice?: string;
  error?: string;
}

const FORBIDDEN = () =>
  new Response("Only admins manage agents.", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });

/** Admins list, add and change agents (the middleware has checked the session and CSRF). */
export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const { app, session } = ctx.state;
    if (!session || !isAdmin(session)) return FORBIDDEN();
    ctx.state.title = "Agents";
    return ctx.render({
      agents: await listAgentViews(app),
      csrf: session.csrf,
      selfId: session.agentId,
    });
  },
  async POST(req, ctx) {
    const { app, session } = ctx.state;
    if (!session || !isAdmin(session)) return FORBIDDEN();
    ctx.state.title = "Agents";
    const form = await readPageForm(req);
    let notice: string | undefined;
    let error: string | undefined;
    let status = 200;
    try {
      notice = await submitAgentsForm(app, form);
    } catch (err) {
      const answer = httpAnswerFor(err);
      if (!answer || answer.status >= 500) throw err;
      status = answer.status;
      error = answer.message;
    }
    return ctx.render(
      {
        agents: await listAgentViews(app),
        csrf: session.csrf,
        selfId: session.agentId,
        notice,
        error,
      },
      { status },
    );
  },
};

function RoleSelect({ value }: { value: string }) {
  return (
    <select name="role">
      {AGENT_ROLES.map((r) => <option key={r} value={r} selected={r === value}>{r}</option>)}
    </select>
  );
}

function AgentRow({ agent, csrf, self }: { agent: AgentView; csrf: string; self: boolean }) {
  return (
    <tr class={agent.active ? undefined : "inactive"} data-agent={agent.id}>
      <td>
        <strong>{agent.name}</strong>
        <div class="muted">{agent.email}{self ? " (you)" : ""}</div>
        <div class="muted">{agent.active ? "active" : "deactivated"}</div>
      </td>
      <td>
        <form method="post" action="/agents" class="inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="_action" value="update" />
          <input type="hidden" name="id" value={agent.id} />
          <input name="name" value={agent.name} aria-label="Name" required maxLength={100} />
          <RoleSelect value={agent.role} />
          <input name="team" value={agent.team} aria-label="Team" maxLength={100} />
          <button type="submit">Save</button>
        </form>
      </td>
      <td>
        <form method="post" action="/agents" class="inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="_action" value={agent.active ? "deactivate" : "reactivate"} />
          <input type="hidden" name="id" value={agent.id} />
          <button type="submit">{agent.active ? "Deactivate" : "Reactivate"}</button>
        </form>
        <form method="post" action="/agents" class="inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="_action" value="reset" />
          <input type="hidden" name="id" value={agent.id} />
          <input
            type="password"
            name="password"
            aria-label="New password"
            placeholder="New password"
            autocomplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
          />
          <button type="submit">Reset password</button>
        </form>
      </td>
    </tr>
  );
}

export default function Agents({ data }: PageProps<Data>) {
  return (
    <section>
      <h1>Agents</h1>
      {data.notice ? <p class="result ok" role="status">{data.notice}</p> : null}
      {data.error ? <p class="result error" role="alert">{data.error}</p> : null}
      <div class="card">
        <table class="agents">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Name, role, team</th>
              <th>Access</th>
            </tr>
          </thead>
          <tbody>
            {data.agents.map((a) => (
              <AgentRow key={a.id} agent={a} csrf={data.csrf} self={a.id === data.selfId} />
            ))}
          </tbody>
        </table>
      </div>
      <div class="card">
        <h2>Add an agent</h2>
        <form method="post" action="/agents" class="actions-form">
          <input type="hidden" name="_csrf" value={data.csrf} />
          <input type="hidden" name="_action" value="create" />
          <label>
            Email <input type="email" name="email" required maxLength={320} />
          </label>
          <label>
            Name <input name="name" required maxLength={100} />
          </label>
          <label>
            Role <RoleSelect value="agent" />
          </label>
          <label>
            Team <input name="team" maxLength={100} />
          </label>
          <label>
            Password{" "}
            <input
              type="password"
              name="password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              autocomplete="new-password"
            />
          </label>
          <div class="row">
            <button type="submit">Add agent</button>
          </div>
        </form>
      </div>
    </section>
  );
}
