import type { AppContext } from "../ports.ts";
import { loginCsrfValid, originAllowed } from "./login_csrf.ts";
import { safeNext } from "./safe_next.ts";
import type { AuthService } from "./service.ts";
import { sessionCookie } from "./session.ts";
import { readPageForm } from "../web/page_body.ts";

export type LoginOutcome =
  | { ok: true; location: string; setCookie: string }
  | {
    ok: false;
    status: number;
    message: string;
    email: string;
    next: string;
    /** Seconds, for `Retry-After` on a throttled login (429). */
    retryAfter?: number;
  };

const GENERIC = "Email or password is incorrect.";

const INACTIVE = "This account is deactivated. Ask an admin to reactivate it.";

const EXPIRED = "The form expired. Please try again.";

/**
 * Handle a submitted login form: the Origin check first (headers only, so a cross-site post is
 * refused without reading its body), then the form through the page cap (413 when larger), then
 * the double-submit token, then credentials.
 */
export async function submitLogin(
  ctx: AppContext,
  auth: AuthService,
  req: Request,
  ip: string,
): Promise<LoginOutcome> {
  if (!originAllowed(req, ctx.config)) {
    req.body?.cancel().catch(() => {}); // unread; not awaited (a teed body may never settle)
    return { ok: false, status: 403, message: EXPIRED, email: "", next: "/" };
  }
  const form = await readPageForm(req);
  const field = (name: string) => {
    const v = form?.get(name);
    return typeof v === "string" ? v : "";
  };
  const email = field("email").slice(0, 320);
  const next = safeNext(field("next"));
  if (!loginCsrfValid(req, field("_csrf"))) {
    return { ok: false, status: 403, message: EXPIRED, email, next };
  }
  const result = await auth.login(email, field("password").slice(0, 1024), ip);
  if (result.ok) {
    return { ok: true, location: next, setCookie: sessionCookie(ctx.config, result.token) };
  }
  if (result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfter / 60);
    return {
      ok: false,
      status: 429,
      message: `Too many failed attempts. Try again in ${minutes} minute${
        minutes === 1 ? "" : "s"
      }.`,
      email,
      next,
      retryAfter: result.retryAfter,
    };
  }
  if (result.reason === "inactive") {
    return { ok: false, status: 403, message: INACTIVE, email, next };
  }
  return { ok: false, status: 401, message: GENERIC, email, next };
}
