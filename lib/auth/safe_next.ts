/** A dummy origin to resolve candidates against: only what stays on it is ours. */
const BASE = "http://local.invalid";

/**
 * Where to go after login: only a path on our own origin, anything else falls back to `/`.
 *
 * The decision is made on the resolved result, not on the input's spelling: `/.//evil`,
 * `/a/..//evil` and `/%2e//evil` all look local but resolve to the path `//evil`, which a
 * browser reads as another host. So the candidate is resolved with the URL parser, its path
 * (also once percent-decoded, as a proxy or a second redirect hop would) must not begin with
 * `//` or `/\`, and the string returned must resolve to the very same URL again.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2000 || !next.startsWith("/")) return "/";
  // Browsers drop tabs/newlines and treat backslash as slash; no path of ours contains them.
  // deno-lint-ignore no-control-regex
  if (/[\\\x00-\x1f\x7f]/.test(next)) return "/";
  const url = resolveLocal(next);
  if (!url) return "/";
  const result = url.pathname + url.search + url.hash;
  const again = resolveLocal(result);
  if (!again || again.href !== url.href) return "/";
  if (!resolveLocal(percentDecoded(url.pathname))) return "/";
  return result;
}

/** The candidate resolved on the dummy origin, or null when it leaves it or its path could. */
function resolveLocal(candidate: string): URL | null {
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  if (url.pathname.startsWith("//") || url.pathname.startsWith("/\\")) return null;
  return url;
}

/** One round of %XX decoding, byte by byte, never throwing on a stray `%`. */
function percentDecoded(text: string): string {
  return text.replace(
    /%([0-9a-f]{2})/gi,
    (_, hex: string) => String.fromCharCode(parseInt(hex, 16)),
  );
}

/** `/login?next=<path>` for a request that needs a session. */
export function loginRedirect(url: URL): string {
  const next = url.pathname + url.search;
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
