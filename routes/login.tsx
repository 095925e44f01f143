import type { Handlers, PageProps } from "../lib/web_state.ts";
import { loginCsrfCookie, loginCsrfToken } from "../lib/auth/login_csrf.ts";
import { submitLogin } from "../lib/auth/login_flow.ts";
import { safeNext } from "../lib/auth/safe_next.ts";
import { redirect } from "../lib/web/http.ts";

interface Data {
  csrf: string;
  next: string;
  email?: string;
  error?: string;
}

function formHeaders(req: Request, config: Parameters<typeof loginCsrfCookie>[0]) {
  const { token, fresh } = loginCsrfToken(req);
  return { token, headers: fresh ? { "Set-Cookie": loginCsrfCookie(config, token) } : undefined };
}

export const handler: Handlers<Data> = {
  GET(req, ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"));
    if (ctx.state.session) return redirect(next);
    const { token, headers } = formHeaders(req, ctx.state.app.config);
    ctx.state.title = "Log in";
    return ctx.render({ csrf: token, next }, { headers });
  },
  async POST(req, ctx) {
    const { app, auth } = ctx.state;
    const outcome = await submitLogin(app, auth, req, ctx.remoteAddr.hostname);
    if (outcome.ok) return redirect(outcome.location, [outcome.setCookie]);
    const { token, headers } = formHeaders(req, app.config);
    const all: Record<string, string> = { ...headers };
    if (outcome.retryAfter !== undefined) all["Retry-After"] = String(outcome.retryAfter);
    ctx.state.title = "Log in";
    return ctx.render(
      { csrf: token, next: outcome.next, email: outcome.email, error: outcome.message },
      { status: outcome.status, headers: all },
    );
  },
};

export default function Login({ data }: PageProps<Data>) {
  return (
    <section class="card narrow login">
      <h1>Inbox Triage</h1>
      <p class="muted">Sign in to the complaint inbox.</p>
      {data.error ? <p class="result error" role="alert">{data.error}</p> : null}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <input type="hidden" name="next" value={data.next} />
        <label>
          Email
          <input
            type="email"
            name="email"
            required
            autocomplete="username"
            value={data.email ?? ""}
          />
        </label>
        <label>
          Password
          <input type="password" name="password" required autocomplete="current-password" />
        </label>
        <button type="submit">Log in</button>
      </form>
    </section>
  );
}
