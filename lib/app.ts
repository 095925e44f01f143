import { Hono } from "hono";
import type { AppContext } from "./context.ts";
import { errorHandler } from "./http/error_middleware.ts";
import { createIngestApp } from "../functions/ingest/index.ts";
import { createApiApp } from "../functions/api/index.ts";
import { createTelegramApp } from "../functions/telegram/index.ts";
import { mountWeb } from "./web/server.ts";
import { responseHeadersMiddleware } from "./http/security_headers.ts";

/** The whole product as one Hono app: the functions under /functions/v1, pages at the root. */
export async function createApp(ctx: AppContext): Promise<Hono> {
  const app = new Hono();
  app.onError(errorHandler(ctx.log));
  app.use("*", responseHeadersMiddleware(ctx.config)); // nosniff (and HSTS) on every answer
  app.route("/functions/v1/ingest", createIngestApp(ctx));
  app.route("/functions/v1/api", createApiApp(ctx));
  app.route("/functions/v1/telegram", createTelegramApp(ctx));
  await mountWeb(app, ctx);
  return app;
}
