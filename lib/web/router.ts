import type { Manifest, MiddlewareModule, RouteModule } from "./types.ts";

/** A page or API route taken from the manifest. */
export interface RouteEntry {
  file: string;
  pattern: string;
  module: RouteModule;
}

/** A `_middleware.ts` and the URL prefix it guards. */
export interface MiddlewareEntry {
  file: string;
  prefix: string;
  module: MiddlewareModule;
}

/** The manifest split into what the server needs. */
export interface RouteTable {
  routes: RouteEntry[];
  middlewares: MiddlewareEntry[];
  app?: RouteModule;
  notFound?: RouteModule;
}

function segments(file: string): string[] {
  const rel = file.replace(/^\.\/routes\//, "").replace(/\.(tsx|ts|jsx|js)$/, "");
  // `(group)` folders organise files without changing URLs, as in Fresh.
  return rel.split("/").filter((s) => !/^\(.*\)$/.test(s));
}

/**
 * Turn a route file path into a Hono pattern: `./routes/complaints/[id].tsx` →
 * `/complaints/:id`, `index` files map to their folder, `[...rest]` catches the remainder.
 */
export function routePattern(file: string): string {
  const parts = segments(file);
  if (parts[parts.length - 1] === "index") parts.pop();
  const mapped = parts.map((p) => {
    const rest = p.match(/^\[\.\.\.(\w+)\]$/);
    if (rest) return `:${rest[1]}{.+}`;
    return p.replace(/\[(\w+)\]/g, ":$1");
  });
  return "/" + mapped.join("/");
}

/** Static segments sort before dynamic ones so `/complaints/new` would win over `/complaints/:id`. */
function rank(pattern: string): number[] {
  return pattern.split("/").filter(Boolean).map((s) =>
    s.includes("{.+}") ? 2 : s.startsWith(":") ? 1 : 0
  );
}

function compareRoutes(a: RouteEntry, b: RouteEntry): number {
  const ra = rank(a.pattern);
  const rb = rank(b.pattern);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    if (ra[i] !== rb[i]) return ra[i] - rb[i];
  }
  return rb.length - ra.length || a.pattern.localeCompare(b.pattern);
}

/** Classify the manifest's route modules; files starting with `_` are special, not URLs. */
export function buildRouteTable(manifest: Manifest): RouteTable {
  const table: RouteTable = { routes: [], middlewares: [] };
  for (const [file, mod] of Object.entries(manifest.routes)) {
    const base = file.split("/").pop()!.replace(/\.(tsx|ts|jsx|js)$/, "");
    if (base === "_app") table.app = mod as RouteModule;
    else if (base === "_404") table.notFound = mod as RouteModule;
    else if (base === "_middleware") {
      const dir = segments(file).slice(0, -1).join("/");
      table.middlewares.push({ file, prefix: "/" + dir, module: mod as MiddlewareModule });
    } else if (!base.startsWith("_")) {
      table.routes.push({ file, pattern: routePattern(file), module: mod as RouteModule });
    }
  }
  table.routes.sort(compareRoutes);
  // Outer folders' middleware runs first.
  table.middlewares.sort((a, b) => a.prefix.length - b.prefix.length);
  return table;
}

/** Whether a middleware registered for `prefix` guards `path`. */
export function prefixMatches(prefix: string, path: string): boolean {
  if (prefix === "/") return true;
  return path === prefix || path.startsWith(prefix + "/");
}
