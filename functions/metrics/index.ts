import { Hono } from "hono";
import type { AppContext } from "../../lib/ports.ts";
import { hasBearer } from "../../lib/http/auth.ts";
import { HttpError } from "../../lib/http/errors.ts";

/**
 * `GET /metrics`: the Prometheus text format, for a scraper holding `METRICS_TOKEN` (or the API
 * token when none is set). Counters are per instance, as Prometheus expects: it sums instances.
 */
export function createMetricsApp(ctx: Pick<AppContext, "config" | "metrics">): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const token = ctx.config.METRICS_TOKEN ?? ctx.config.API_TOKEN;
    if (!hasBearer(c.req.raw, token)) {
      throw new HttpError(401, "unauthorized", "The metrics token is required (Bearer)", {
        "WWW-Authenticate": 'Bearer realm="metrics"',
      });
    }
    const { body, contentType } = await ctx.metrics.render();
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
  });
  return app;
}
