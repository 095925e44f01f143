import type { Handlers } from "../lib/web_state.ts";
import { clearSessionCookie, destroySession } from "../lib/auth/session.ts";
import { redirect } from "../lib/web/http.ts";

/** POST only (the middleware has checked the CSRF token): end the session. */
export const handler: Handlers = {
  async POST(req, ctx) {
    await destroySession(ctx.state.app, req);
    return redirect("/login", [clearSessionCookie(ctx.state.app.config)]);
  },
};
