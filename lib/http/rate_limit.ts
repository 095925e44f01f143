import type { Context, MiddlewareHandler } from "hono";
import { sessionFromRequest } from "../auth/session.ts";
import type { AppContext } from "../ports.ts";
import { rateLimitCaller, RateLimiter } from "../rate_limit.ts";
import { hasBearer } from "./auth.ts";
import { HttpError } from "./errors.ts";

/**
 * The client's address. Without a trusted proxy it is the TCP peer (`Deno.serve` hands it to
 * Hono as `c.env.remoteAddr`); X-Forwarded-For is ignored because any client can write it. Behind
 * a trusted proxy (`TRUST_PROXY`) it is the header's last entry: the one our proxy appended,
 * whereas entries before it came from the client. `unknown` when neither is there.
 */
export function clientAddress(req: Request, env: unknown, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = (req.headers.get("x-forwarded-for") ?? "").split(",")
      .map((part) => part.trim()).filter((part) => part.length > 0);
    const last = forwarded[forwarded.length - 1];
    if (last && last.length <= 64) return last;
  }
  const info = env as { remoteAddr?: { hostname?: unknown } } | undefined;
  const hostname = info?.remoteAddr?.hostname;
  return typeof hostname === "string" && hostname.length > 0 ? hostname : "unknown";
}

/** Identifies the caller a request counts against (a `rateLimitCaller` value). */
export type CallerOf = (c: Context) => Promise<string> | string;

/**
 * Middleware counting each request against its caller; past the limit it answers 429 with
 * `Retry-After` (seconds to the end of the window) through the error middleware's JSON shape.
 */
export function rateLimit(limiter: RateLimiter, callerOf: CallerOf): MiddlewareHandler {
  return async (c, next) => {
    const decision = await limiter.hit(await callerOf(c));
    if (!decision.allowed) {
      throw new HttpError(
        429,
        "rate_limited",
        `Too many requests (${decision.limit} a minute); retry in ${decision.retryAfterSeconds} s`,
        { "Retry-After": String(decision.retryAfterSeconds) },
      );
    }
    await next();
  };
}

/**
 * API callers: the API token, else a live agent session, else the client address. Only a valid
 * credential earns its own counter; a made-up token or cookie counts against the address, or
 * sending a fresh one with each request would dodge the limit.
 */
export function apiCaller(ctx: AppContext): CallerOf {
  return async (c) => {
    if (hasBearer(c.req.raw, ctx.config.API_TOKEN)) {
      return await rateLimitCaller.token(ctx.config.API_TOKEN);
    }
    const session = await sessionFromRequest(ctx, c.req.raw);
    if (session) return await rateLimitCaller.session(session.id);
    return rateLimitCaller.address(clientAddress(c.req.raw, c.env, ctx.config.TRUST_PROXY));
  };
}

/**
 * Ingest callers: the ingest token, else the client address. A signed delivery counts by address:
 * its signature covers the body, which is not read before the limit is checked.
 */
export function ingestCaller(ctx: AppContext): CallerOf {
  return async (c) => {
    if (hasBearer(c.req.raw, ctx.config.INGEST_TOKEN)) {
      return await rateLimitCaller.token(ctx.config.INGEST_TOKEN);
    }
    return rateLimitCaller.address(clientAddress(c.req.raw, c.env, ctx.config.TRUST_PROXY));
  };
}

/** The limiter for one surface, counting in the context's cache with the context's clock. */
export function limiterFor(ctx: AppContext, scope: "api" | "ingest"): RateLimiter {
  return new RateLimiter(ctx.cache, {
    scope,
    limit: scope === "api"
      ? ctx.config.RATE_LIMIT_API_PER_MINUTE
      : ctx.config.RATE_LIMIT_INGEST_PER_MINUTE,
    windowSeconds: 60,
    now: ctx.now,
    log: ctx.log,
  });
}
