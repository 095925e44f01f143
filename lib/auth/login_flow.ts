import type { AppContext } from "../context.ts";
import { loginCsrfValid, originAllowed } from "./login_csrf.ts";
import { safeNext } from "./safe_next.ts";
import type { AuthService } from "./service.ts";
import { sessionCookie } from "./session.ts";

export type LoginOutcome =
  | { ok: true; location: string; setCookie: string }
  | { ok: false; status: number; message: string; email: string; next: string };

const GENERIC = "Email or password is incorrect.";

/** Handle a submitted login form: origin and double-submit checks, then credentials. */
export async function submitLogin(
  ctx: AppContext,
  auth: AuthService,
  req: Request,
  ip: string,
): Promise<LoginOutcome> {
  const form = await req.formData().catch(() => null);
  const field = (name: string) => {
    const v = form?.get(name);
    return typeof v === "string" ? v : "";
  };
  const email = field("email").slice(0, 320);
  const next = safeNext(field("next"));
  if (!originAllowed(req, ctx.config) || !loginCsrfValid(req, field("_csrf"))) {
    return {
      ok: false,
      status: 403,
      message: "The form expired. Please try again.",
      email,
      next,
    };
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
    };
  }
  return { ok: false, status: 401, message: GENERIC, email, next };
}
