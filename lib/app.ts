import { Hono } from "hono";
import type { App } from "./context.ts";
import { errorHandler, errorLogFields } from "./http/error_middleware.ts";
import { responseHeadersMiddleware } from "./http/security_headers.ts";
import { requestIdMiddleware } from "./http/request_id.ts";
import { AuthService } from "./auth/service.ts";
import { resolveConfig } from "./web/config.ts";
import { mountManifest } from "./web/mount.ts";
import type { WebState } from "./web_state.ts";
import manifest from "../fresh.gen.ts";
import freshConfig from "../fresh.config.ts";
import { createIngestApp } from "../functions/ingest/index.ts";
import { createApiApp } from "../functions/api/index.ts";
import { createTelegramApp } from "../functions/telegram/index.ts";
import { createMetricsApp } from "../functions/metrics/index.ts";
import { httpMetrics } from "./http/metrics_middleware.ts";

/** The whole product as one Hono app: the functions under /functions/v1, pages at the root. */
export async function createApp(ctx: App): Promise<Hono> {
  const app = new Hono();
  app.onError(errorHandler(ctx.log));
  app.use("*", requestIdMiddleware());
  app.use("*", responseHeadersMiddleware(ctx.config)); // nosniff (and HSTS) on every answer
  app.use("*", httpMetrics(ctx.metrics));
  app.route("/metrics", createMetricsApp(ctx));
  app.route("/functions/v1/ingest", createIngestApp(ctx));
  app.route("/functions/v1/api", createApiApp(ctx));
  app.route("/functions/v1/telegram", createTelegramApp(ctx));
  await mountWeb(app, ctx);
  return app;
}

/**
 * Mount the pages (file-system routes from `fresh.gen.ts`), the islands bundle and `static/`
 * at the root of the product's app. The product's wiring of the generic web layer lives here,
 * not in `lib/web`: the state every page sees (`WebState`: context, auth, session) is built from
 * the composition root's context. Builds the islands bundle and hashes the admin password once,
 * here at start-up.
 */
export async function mountWeb(app: Hono, ctx: App): Promise<void> {
  const config = resolveConfig(freshConfig, new URL("../fresh.config.ts", import.meta.url).href);
  const auth = await AuthService.create(ctx);
  await mountManifest<WebState>(app, {
    manifest,
    staticDir: config.staticDir,
    minify: config.build.minify,
    build: { outDir: config.build.outDir, root: config.root },
    onWarning: (message) => ctx.log.warn("islands_bundle", { message }),
    createState: () => ({ app: ctx, auth, session: null }),
    foreignPrefixes: ["/functions"],
    onError: (err, req) =>
      ctx.log.error("page_error", { path: new URL(req.url).pathname, ...errorLogFields(err) }),
  });
}
