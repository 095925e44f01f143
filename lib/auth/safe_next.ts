/**
 * Where to go after login: only a local absolute path is accepted (no scheme, no `//host`,
 * no backslash tricks), anything else falls back to `/`.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2000) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Browsers drop tabs/newlines and treat backslash as slash, so `/\t/evil` could leave the site.
  // deno-lint-ignore no-control-regex
  if (/[\\\x00-\x1f\x7f]/.test(next)) return "/";
  try {
    // Resolving against a dummy origin must not change the origin.
    const url = new URL(next, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}

/** `/login?next=<path>` for a request that needs a session. */
export function loginRedirect(url: URL): string {
  const next = url.pathname + url.search;
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
