import type { MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { secureCookies } from "../auth/session.ts";

/**
 * The page CSP: only our own scripts and styles; no plugins, no <base>, no framing, forms post
 * only to us. `img-src data:` allows the inline SVG/data icons; remote email images stay blocked
 * (the sandboxed srcdoc frame inherits this policy), which also stops tracking pixels.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

/** Headers every web response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

/** Add the security headers to a response (in place; returns it for chaining). */
export function withSecurityHeaders(res: Response): Response {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
    if (!res.headers.has(k)) res.headers.set(k, v);
  }
  return res;
}

/** One year, subdomains included: what browsers remember once they have seen us over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/**
 * Headers every answer of the product carries, JSON and files included: `nosniff` so no answer
 * (an API error echoing input, a downloaded attachment) is ever sniffed into HTML or script, and
 * HSTS when the product is served over https (`PUBLIC_URL`, the rule that also makes cookies
 * Secure). HSTS is never sent for plain http, where it would be meaningless or lock a dev host.
 */
export function responseHeaders(config: Pick<Config, "PUBLIC_URL">): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    ...(secureCookies(config) ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/** Hono middleware adding `responseHeaders` to every response (existing values are kept). */
export function responseHeadersMiddleware(config: Pick<Config, "PUBLIC_URL">): MiddlewareHandler {
  const headers = Object.entries(responseHeaders(config));
  return async (c, next) => {
    await next();
    for (const [k, v] of headers) if (!c.res.headers.has(k)) c.header(k, v);
  };
}
