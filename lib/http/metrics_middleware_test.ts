import assert from "node:assert/strict";
import { Hono } from "hono";
import { appOfPath, httpMetrics } from "./metrics_middleware.ts";
import { Metrics } from "../metrics.ts";
import { errorHandler } from "./error_middleware.ts";
import { createLogger } from "../log.ts";

Deno.test("a path maps to its function, or to the pages, never to itself", () => {
  assert.equal(appOfPath("/functions/v1/ingest"), "ingest");
  assert.equal(appOfPath("/functions/v1/api/complaints/abc"), "api");
  assert.equal(appOfPath("/functions/v1/telegram/webhook"), "telegram");
  assert.equal(appOfPath("/metrics"), "metrics");
  assert.equal(appOfPath("/functions/v1/apix"), "web");
  assert.equal(appOfPath("/complaints/abc"), "web");
});

Deno.test("answered and failed requests are both timed, a thrown error as a 5xx", async () => {
  const metrics = new Metrics();
  const app = new Hono();
  app.onError(errorHandler(createLogger("error")));
  app.use("*", httpMetrics(metrics));
  app.get("/functions/v1/api/ok", (c) => c.text("ok"));
  app.get("/functions/v1/api/boom", () => {
    throw new Error("boom");
  });
  assert.equal((await app.request("/functions/v1/api/ok")).status, 200);
  assert.equal((await app.request("/functions/v1/api/boom")).status, 500);
  assert.equal((await app.request("/nowhere")).status, 404);
  const { body } = await metrics.render();
  const count = (labels: string) =>
    body.split("\n").find((l) =>
      l.startsWith(`inbox_http_request_duration_seconds_count{${labels}}`)
    )?.split(" ")[1];
  assert.equal(count('app="api",method="GET",status="2xx"'), "1");
  assert.equal(count('app="api",method="GET",status="5xx"'), "1");
  assert.equal(count('app="web",method="GET",status="4xx"'), "1");
});
