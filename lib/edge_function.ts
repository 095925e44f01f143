import { type Env, Hono } from "hono";
import { type Config, readEnvConfig } from "./config.ts";
import { type App, createContext } from "./context.ts";
import { resolveSecrets } from "./secrets.ts";
import { requestIdMiddleware } from "./http/request_id.ts";
import { responseHeadersMiddleware } from "./http/security_headers.ts";
import { errorHandler, notFoundJson } from "./http/error_middleware.ts";

/** One function app (`functions/<name>/index.ts`), served on its own. */
export interface EdgeFunction {
  config: Config;
  app: App;
  fetch: (req: Request) => Response | Promise<Response>;
}

/**
 * One of the product's functions as an edge platform serves it (a Supabase Edge Function, a
 * Deno Deploy app): the same app as in `main.ts`, answering under `/<name>` — the path Supabase
 * hands a function — and under `/functions/v1/<name>`, the public path in every layout. No job
 * timers run here: the platform's scheduler posts to `POST /functions/v1/api/jobs/run`.
 * `env` is the environment, read once here (tests pass their own).
 */
export async function edgeFunction<E extends Env>(
  name: string,
  factory: (app: App) => Hono<E>,
  env = readEnvConfig(),
): Promise<EdgeFunction> {
  const config = await resolveSecrets(env);
  const app = await createContext(config);
  const fn = factory(app);
  const root = new Hono();
  root.onError(errorHandler(app.log));
  root.use("*", requestIdMiddleware());
  root.use("*", responseHeadersMiddleware(config));
  root.route(`/${name}`, fn);
  root.route(`/functions/v1/${name}`, fn);
  root.notFound(notFoundJson);
  return { config, app, fetch: root.fetch };
}

/** Serve a function with `Deno.serve` on the configured port, logging `listening` like main.ts. */
export async function serveEdgeFunction<E extends Env>(
  name: string,
  factory: (app: App) => Hono<E>,
): Promise<void> {
  const fn = await edgeFunction(name, factory);
  Deno.serve({
    port: fn.config.PORT,
    hostname: fn.config.HOSTNAME,
    onListen: ({ hostname, port }) =>
      fn.app.log.info("listening", { url: `http://${hostname}:${port}`, function: name }),
  }, fn.fetch);
}
