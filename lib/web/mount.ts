import type { Context, Hono } from "hono";
import { fileURLToPath } from "node:url";
import { NotFoundError, UnavailableError } from "../errors.ts";
import { httpAnswerFor, notFoundJson } from "../http/error_middleware.ts";
import { buildIslandBundle, type IslandBundle, type IslandSource } from "./bundle.ts";
import { loadPrebuilt } from "./prebuilt.ts";
import { withSecurityHeaders } from "../http/security_headers.ts";
import { islandName, islandRegistry } from "./islands.ts";
import { capPageBody } from "./page_body.ts";
import { renderDocument } from "./render.ts";
import { buildRouteTable, prefixMatches, type RouteEntry, type RouteTable } from "./router.ts";
import { loadStaticFiles, serveStatic } from "./static_files.ts";
import type {
  FreshContext,
  Handler,
  Handlers,
  Manifest,
  MiddlewareHandler,
  PageProps,
  RenderOptions,
  RouteModule,
} from "./types.ts";

/** What the layer needs besides a Hono app. */
export interface MountOptions<State> {
  manifest: Manifest;
  staticDir: string;
  minify: boolean;
  /** Fresh state for each request (middleware fills in the rest). */
  createState(req: Request): State;
  /** Path prefixes of JSON apps: their unknown paths get the JSON 404, not a page. */
  foreignPrefixes?: string[];
  onError?(err: unknown, req: Request): void;
  /**
   * Where `deno task build` left the islands bundle (`outDir`) and the root its sources are
   * relative to. A fresh saved bundle is served as is (no esbuild at start: edge runtimes cannot
   * spawn it); a stale or missing one is rebuilt in memory where esbuild can run.
   */
  build?: { outDir: string; root: string };
  /** Told when the server has to make do (a stale saved bundle it cannot rebuild). */
  onWarning?(message: string): void;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;

function htmlResponse(html: string, options: RenderOptions = {}, status = 200): Response {
  const headers = new Headers(options.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return new Response(html, { status: options.status ?? status, headers });
}

/** Redirects from `Response.redirect` have immutable headers; copy before adding ours. */
function secured(res: Response): Response {
  try {
    return withSecurityHeaders(res);
  } catch {
    return withSecurityHeaders(new Response(res.body, res));
  }
}

function remoteAddr(c: Context): { hostname: string } {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return { hostname: info?.remoteAddr?.hostname ?? "unknown" };
}

/** The islands of a manifest, named as their markers name them, with absolute file paths. */
export function islandSources(manifest: Manifest): IslandSource[] {
  return Object.keys(manifest.islands).map((file) => ({
    name: islandName(file),
    file: fileURLToPath(new URL(file, manifest.baseUrl)),
  }));
}

/**
 * Mount a manifest's routes, its islands bundle and a static folder on a Hono app: the
 * Fresh-compatible core of the web layer.
 */
export async function mountManifest<State>(app: Hono, opts: MountOptions<State>): Promise<void> {
  const table = buildRouteTable(opts.manifest);
  const registry = islandRegistry(opts.manifest);
  const sources = islandSources(opts.manifest);
  const bundle = sources.length > 0 ? await islandBundle(sources, opts) : null;

  if (bundle) {
    app.on(["GET", "HEAD"], bundle.path, () =>
      secured(
        new Response(bundle.code as Uint8Array<ArrayBuffer>, {
          headers: {
            "Content-Type": "text/javascript; charset=utf-8",
            // The name carries the content hash, so it can be cached for good.
            "Cache-Control": "public, max-age=31536000, immutable",
          },
        }),
      ));
  }

  for (const [path, file] of await loadStaticFiles(opts.staticDir)) {
    app.on(["GET", "HEAD"], path, (c) => secured(serveStatic(c.req.raw, file)));
  }

  const serve = (route: RouteEntry | null) => async (c: Context) => {
    const req = c.req.raw;
    try {
      // Every page request with a body is capped here, before middleware or route reads it.
      const capped = req.method === "GET" || req.method === "HEAD" ? req : capPageBody(req);
      return secured(await handle(table, route, capped, c, opts, registry, bundle));
    } catch (err) {
      // The same statuses as the JSON functions (one mapping), as text: a page has no JSON client.
      const answer = httpAnswerFor(err);
      if (!answer || err instanceof UnavailableError) opts.onError?.(err, req);
      if (!answer) throw err;
      return secured(
        new Response(answer.message, {
          status: answer.status,
          headers: { ...answer.headers, "Content-Type": "text/plain; charset=utf-8" },
        }),
      );
    }
  };
  for (const route of table.routes) app.on([...METHODS], route.pattern, serve(route));

  const foreign = opts.foreignPrefixes ?? [];
  app.notFound(async (c) => {
    if (foreign.some((p) => prefixMatches(p, c.req.path))) return notFoundJson(c);
    return await serve(null)(c);
  });
}

/**
 * The islands bundle to serve: the saved build when it is fresh, else one built now; when it
 * cannot be built here (no subprocess permission, no esbuild), a stale saved build with a
 * warning, or an error that says to run `deno task build`.
 */
async function islandBundle<State>(
  sources: IslandSource[],
  opts: MountOptions<State>,
): Promise<IslandBundle> {
  const saved = opts.build
    ? await loadPrebuilt(opts.build.outDir, opts.build.root, sources.map((s) => s.name))
    : null;
  if (saved?.state === "fresh") return saved.bundle;
  try {
    return await buildIslandBundle(sources, opts.minify);
  } catch (err) {
    if (saved?.state === "stale") {
      opts.onWarning?.(
        `serving the saved islands bundle although ${saved.reason}: run \`deno task build\` (${err})`,
      );
      return saved.bundle;
    }
    throw new Error(
      `The islands bundle is not built (${saved?.reason ?? "no build folder"}) and cannot be ` +
        `built here (${err}). Run \`deno task build\` before starting.`,
    );
  }
}

async function handle<State>(
  table: RouteTable,
  route: RouteEntry | null,
  req: Request,
  c: Context,
  opts: MountOptions<State>,
  registry: ReturnType<typeof islandRegistry>,
  bundle: IslandBundle | null,
): Promise<Response> {
  const url = new URL(req.url);
  const params = route ? c.req.param() as Record<string, string> : {};
  const state = opts.createState(req);

  const renderWith = (
    mod: RouteModule | undefined,
    data: unknown,
    status: number,
    o?: RenderOptions,
  ) => {
    if (!mod?.default) return new Response("Not found", { status: 404 });
    const props: PageProps<unknown, unknown> = {
      url,
      params,
      data,
      state,
      route: route?.pattern ?? "",
    };
    const html = renderDocument({
      app: table.app,
      page: mod.default,
      props,
      registry,
      bundlePath: bundle?.path ?? null,
    });
    return htmlResponse(html, o, status);
  };

  const ctx: FreshContext<State, unknown> = {
    url,
    params,
    state,
    route: route?.pattern ?? "",
    remoteAddr: remoteAddr(c),
    render: (data, o) => Promise.resolve(renderWith(route?.module, data, 200, o)),
    renderNotFound: (data) => Promise.resolve(renderWith(table.notFound, data, 404)),
    next: () => ctx.renderNotFound(),
  };

  const chain: MiddlewareHandler<State>[] = table.middlewares
    .filter((m) => prefixMatches(m.prefix, url.pathname))
    .flatMap((m) =>
      Array.isArray(m.module.handler) ? m.module.handler : [m.module.handler]
    ) as MiddlewareHandler<State>[];

  const runRoute = (): Promise<Response> => {
    ctx.next = () => ctx.renderNotFound();
    if (!route) return ctx.renderNotFound();
    return Promise.resolve(dispatch(route.module, req, ctx));
  };
  const step = (i: number): Promise<Response> => {
    if (i >= chain.length) return runRoute();
    ctx.next = () => step(i + 1);
    return Promise.resolve(chain[i](req, ctx as FreshContext<State>));
  };
  try {
    return await step(0);
  } catch (err) {
    // Something the page needs does not exist: the visitor gets the 404 page, as for a bad URL.
    if (err instanceof NotFoundError) return await ctx.renderNotFound();
    throw err;
  }
}

function dispatch<State>(
  mod: RouteModule,
  req: Request,
  ctx: FreshContext<State, unknown>,
): Response | Promise<Response> {
  const method = req.method.toUpperCase() as typeof METHODS[number];
  const handler = mod.handler as Handlers<unknown, State> | Handler<unknown, State> | undefined;
  if (typeof handler === "function") return handler(req, ctx);
  if (handler) {
    const fn = handler[method] ?? (method === "HEAD" ? handler.GET : undefined);
    if (fn) return fn(req, ctx);
    const allow = Object.keys(handler).join(", ");
    return new Response("Method not allowed", { status: 405, headers: { Allow: allow } });
  }
  if (method === "GET" || method === "HEAD") return ctx.render(undefined);
  return new Response("Method not allowed", { status: 405, headers: { Allow: "GET, HEAD" } });
}
