import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { newId } from "../crypto.ts";

const current = new AsyncLocalStorage<string>();

/** The header a request id travels in, both ways. */
export const REQUEST_ID_HEADER = "X-Request-Id";

// A caller's own id is kept when it is a plain token (a proxy's or a client's); anything else
// could forge log lines, so it is replaced.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id of the request being handled in this async context, or undefined outside one (jobs,
 * start-up). Log lines and error answers carry it, so one request is followed across both.
 */
export function currentRequestId(): string | undefined {
  return current.getStore();
}

/**
 * Give every request an id (the caller's `X-Request-Id` if it is a plain token, else a new
 * one), answer it in the same header, and make it the current id for everything the request
 * does, background work it starts included.
 */
export function requestIdMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header(REQUEST_ID_HEADER);
    const id = given && ACCEPTABLE.test(given) ? given : newId();
    c.header(REQUEST_ID_HEADER, id);
    await current.run(id, next);
    c.header(REQUEST_ID_HEADER, id);
  };
}
