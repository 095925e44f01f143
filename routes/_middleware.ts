import type { FreshContext } from "../lib/web_state.ts";
import { guardPage } from "../lib/auth/guard.ts";

/** Every page needs a session (except /login); POSTs need the session's CSRF token. */
export async function handler(req: Request, ctx: FreshContext): Promise<Response> {
  const result = await guardPage(ctx.state.app, req);
  if (result.response) return result.response;
  ctx.state.session = result.session;
  return ctx.next();
}
