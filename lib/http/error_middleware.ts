import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HttpError } from "./errors.ts";
import type { Logger } from "../log.ts";

/** JSON body every error answer has. */
export interface ErrorBody {
  error: { code: string; message: string };
}

function body(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** The one error-mapping middleware: handlers throw, this answers `{error: {code, message}}`. */
export function errorHandler(log: Logger): ErrorHandler {
  return (err: Error, c: Context) => {
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(body(err.code, err.message), err.status as ContentfulStatusCode);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 413
        ? "payload_too_large"
        : status === 401
        ? "unauthorized"
        : "http_error";
      return c.json(body(code, err.message || "Request failed"), status);
    }
    if (isUnavailable(err)) {
      log.error("dependency_unavailable", { path: c.req.path, error: String(err) });
      c.header("Retry-After", "5");
      return c.json(
        body("unavailable", "A storage service is unavailable; try again shortly."),
        503,
      );
    }
    log.error("unhandled_error", { path: c.req.path, error: String(err), stack: err.stack });
    return c.json(body("internal", "Internal error"), 500);
  };
}

/** Errors that mean an outside system is down rather than a bug in our code. */
export function isUnavailable(err: Error): boolean {
  const name = err.name ?? "";
  return name === "MongoServerSelectionError" || name === "MongoNetworkError" ||
    name === "MongoNotConnectedError" || (err as { unavailable?: boolean }).unavailable === true;
}

export const notFoundJson: NotFoundHandler = (c) =>
  c.json(body("not_found", `No route for ${c.req.method} ${c.req.path}`), 404);
