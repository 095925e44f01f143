import type { MiddlewareHandler } from "hono";
import type { HttpApp, Metrics } from "../metrics.ts";

const FUNCTIONS = /^\/functions\/v1\/(ingest|api|telegram)(?:\/|$)/;

/** The app a path belongs to: a label with a handful of values, never the path itself. */
export function appOfPath(path: string): HttpApp {
  if (path === "/metrics") return "metrics";
  const match = FUNCTIONS.exec(path);
  return match ? match[1] as HttpApp : "web";
}

/** Time every request into the request histogram, by app, method and status class. */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      // An error the app's handler turned into an answer has its status here; one that escaped
      // is about to become a 500.
      const status = c.error && c.res.status < 400 ? 500 : c.res.status;
      metrics.request(
        appOfPath(c.req.path),
        c.req.method,
        status,
        (performance.now() - start) / 1000,
      );
    }
  };
}
