import { parse, serialize } from "hono/utils/cookie";
import type { Config } from "../config.ts";
import { randomToken } from "../secrets.ts";
import { timingSafeEqualString } from "./password.ts";
import { secureCookies } from "./session.ts";

/**
 * Before login there is no session to hold a CSRF token, so the login form uses a
 * double-submit cookie: the same random value in a cookie and a hidden field.
 */
export const LOGIN_CSRF_COOKIE = "it_login_csrf";

/** The login-form token from the request's cookie, or a new one to set. */
export function loginCsrfToken(req: Request): { token: string; fresh: boolean } {
  const existing = readLoginCsrf(req);
  return existing ? { token: existing, fresh: false } : { token: randomToken(), fresh: true };
}

function readLoginCsrf(req: Request): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  const value = parse(header, LOGIN_CSRF_COOKIE)[LOGIN_CSRF_COOKIE];
  return value && /^[\w-]{20,100}$/.test(value) ? value : null;
}

/** `Set-Cookie` for the login token (short-lived, only for the login form). */
export function loginCsrfCookie(config: Config, token: string): string {
  return serialize(LOGIN_CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/login",
    secure: secureCookies(config),
    maxAge: 3600,
  });
}

/** Whether the submitted login form's `_csrf` matches its cookie. */
export function loginCsrfValid(req: Request, submitted: string | null): boolean {
  const cookie = readLoginCsrf(req);
  return cookie !== null && submitted !== null && timingSafeEqualString(cookie, submitted);
}

/**
 * A cross-site POST carries a foreign Origin; browsers send Origin on every POST, so an
 * absent header (curl, old clients) is allowed and the token check still applies.
 */
export function originAllowed(req: Request, config: Config): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  if (origin === new URL(req.url).origin) return true;
  const host = req.headers.get("host");
  try {
    const o = new URL(origin);
    if (host !== null && o.host === host) return true;
    return config.PUBLIC_URL !== undefined && o.origin === new URL(config.PUBLIC_URL).origin;
  } catch {
    return false;
  }
}
