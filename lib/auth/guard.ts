import type { AppContext } from "../ports.ts";
import { loginRedirect } from "./safe_next.ts";
import { type AgentSession, csrfValid, sessionFromRequest } from "./session.ts";
import { readPageForm } from "../web/page_body.ts";

/** Paths reachable without a session (the login form itself). */
const PUBLIC_PATHS = new Set(["/login"]);

export type GuardResult = { session: AgentSession | null; response?: undefined } | {
  session?: undefined;
  response: Response;
};

/**
 * The page gate: loads the session, sends visitors without one to `/login?next=…`, and refuses
 * state-changing requests whose `_csrf` field (or `X-CSRF-Token` header) is not the session's.
 */
export async function guardPage(ctx: AppContext, req: Request): Promise<GuardResult> {
  const url = new URL(req.url);
  const session = await sessionFromRequest(ctx, req);
  if (PUBLIC_PATHS.has(url.pathname)) return { session };
  if (!session) {
    return {
      response: new Response(null, { status: 303, headers: { Location: loginRedirect(url) } }),
    };
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    let token = req.headers.get("x-csrf-token");
    if (token === null) {
      // Through the page cap: a form past it is refused (413) rather than buffered.
      const form = await readPageForm(req.clone());
      const field = form?.get("_csrf");
      token = typeof field === "string" ? field : null;
    }
    if (!csrfValid(session, token)) {
      return {
        response: new Response("Invalid or missing CSRF token. Reload the page and try again.", {
          status: 403,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        }),
      };
    }
  }
  return { session };
}
