import type { Handlers, PageProps } from "../lib/web_state.ts";
import { submitAccountForm } from "../lib/auth/agent_forms.ts";
import type { AgentView } from "../lib/schema/agent.ts";
import { PASSWORD_MIN_LENGTH, SIGNATURE_MAX_LENGTH } from "../lib/schema/agent.ts";
import { readPageForm } from "../lib/web/page_body.ts";
import { httpAnswerFor } from "../lib/http/error_middleware.ts";

interface Data {
  agent: AgentView;
  csrf: string;
  notice?: string;
  error?: string;
}

/** Every agent: change their own password, log out their other sessions. */
export const handler: Handlers<Data> = {
  GET(_req, ctx) {
    const { session } = ctx.state;
    if (!session) return new Response(null, { status: 303, headers: { Location: "/login" } });
    ctx.state.title = "Account";
    return ctx.render({ agent: session.agent, csrf: session.csrf });
  },
  async POST(req, ctx) {
    const { app, session } = ctx.state;
    if (!session) return new Response(null, { status: 303, headers: { Location: "/login" } });
    ctx.state.title = "Account";
    const form = await readPageForm(req);
    try {
      const notice = await submitAccountForm(app, session, form);
      return ctx.render({ agent: session.agent, csrf: session.csrf, notice });
    } catch (err) {
      const answer = httpAnswerFor(err);
      if (!answer || answer.status >= 500) throw err;
      return ctx.render(
        { agent: session.agent, csrf: session.csrf, error: answer.message },
        { status: answer.status },
      );
    }
  },
};

export default function Account({ data }: PageProps<Data>) {
  const { agent } = data;
  return (
    <section class="card narrow account">
      <h1>Your account</h1>
      <p>
        <strong>{agent.name}</strong> <span class="muted">{agent.email}</span>
      </p>
      <p class="muted">
        Role: {agent.role}
        {agent.team ? `, team: ${agent.team}` : ""}
      </p>
      {data.notice ? <p class="result ok" role="status">{data.notice}</p> : null}
      {data.error ? <p class="result error" role="alert">{data.error}</p> : null}
      <h2>Change password</h2>
      <form method="post" action="/account">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <input type="hidden" name="_action" value="password" />
        <label>
          Current password
          <input type="password" name="current" required autocomplete="current-password" />
        </label>
        <label>
          New password
          <input
            type="password"
            name="password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            autocomplete="new-password"
          />
        </label>
        <label>
          New password again
          <input type="password" name="confirm" required autocomplete="new-password" />
        </label>
        <button type="submit">Change password</button>
      </form>
      <h2>Signature</h2>
      <form method="post" action="/account">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <input type="hidden" name="_action" value="signature" />
        <label>
          Added under every reply you send
          <textarea name="signature" rows={3} maxLength={SIGNATURE_MAX_LENGTH}>
            {agent.signature ?? ""}
          </textarea>
        </label>
        <button type="submit">Save signature</button>
      </form>
      <h2>Sessions</h2>
      <form method="post" action="/account">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <input type="hidden" name="_action" value="logout_everywhere" />
        <p class="muted">Ends every other session of your account (other browsers, devices).</p>
        <button type="submit">Log out everywhere else</button>
      </form>
    </section>
  );
}
