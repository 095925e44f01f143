import { Hono } from "hono";
import type { App } from "../../lib/context.ts";
import { readBodyCapped, reserveBody } from "../../lib/http/body.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { authenticateIngest } from "../../lib/http/signature.ts";
import { errorHandler, notFoundJson } from "../../lib/http/error_middleware.ts";
import { ingestCaller, limiterFor, rateLimit } from "../../lib/http/rate_limit.ts";
import { ingestResponse } from "../../lib/pipeline/respond.ts";
import { HEARTBEAT_MAX_BYTES, recordHeartbeat } from "../../lib/intake/status.ts";

const ACCEPTED_TYPES = new Set(["message/rfc822", "application/octet-stream", "text/plain", ""]);

/** The ingestion function: one raw RFC 822 message per POST. */
export function createIngestApp(ctx: App): Hono {
  const app = new Hono();
  app.onError(errorHandler(ctx.log));
  app.notFound(notFoundJson);
  app.use("*", rateLimit(limiterFor(ctx, "ingest"), ingestCaller(ctx)));

  app.post("/", async (c) => {
    const auth = authenticateIngest(c.req.raw, ctx.config.INGEST_TOKEN, nowSeconds(ctx));
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!ACCEPTED_TYPES.has(type)) {
      throw new HttpError(
        415,
        "unsupported_media_type",
        `Send the raw message as message/rfc822 or application/octet-stream, not ${type}`,
      );
    }
    const pipeline = ctx.pipeline;
    const release = reserveBody(c.req.raw, pipeline.memory, ctx.config.INGEST_MAX_BYTES);
    try {
      const raw = await readBodyCapped(c.req.raw, ctx.config.INGEST_MAX_BYTES);
      await auth.verifyBody(raw);
      if (raw.length === 0) throw new HttpError(422, "empty_body", "The body is empty");
      const prefer = c.req.header("prefer") ?? "";
      const result = await pipeline.ingest(raw, { async: /respond-async/i.test(prefer) });
      const { status, body } = ingestResponse(result);
      return c.json(body, status);
    } finally {
      release();
    }
  });

  app.post("/heartbeat", async (c) => {
    const auth = authenticateIngest(c.req.raw, ctx.config.INGEST_TOKEN, nowSeconds(ctx));
    const bytes = await readBodyCapped(c.req.raw, HEARTBEAT_MAX_BYTES);
    await auth.verifyBody(bytes);
    await auth.refuseReplay(ctx.cache);
    return c.json(await recordHeartbeat(ctx, bytes), 200);
  });

  return app;
}

function nowSeconds(ctx: Pick<App, "now">): number {
  return Math.floor(ctx.now().getTime() / 1000);
}
