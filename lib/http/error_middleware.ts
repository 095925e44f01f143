import { currentRequestId } from "./request_id.ts";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  UnavailableError,
} from "../errors.ts";
import { HttpError } from "./errors.ts";
import type { Logger } from "../log.ts";

/** JSON body every error answer has. */
export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

/** How an error is answered over HTTP, whatever the body's format (JSON here, text on pages). */
export interface HttpAnswer {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  headers: Record<string, string>;
}

/**
 * Statuses of the `InvalidError` codes that are not 422: they were answered so before the domain
 * stopped speaking HTTP, and clients rely on them (a body that is not JSON or multipart at all is
 * 400, a wrong media type 415). Every other invalid input is 422.
 */
const INVALID_STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  invalid_json: 400,
  bad_multipart: 400,
  missing_file: 400,
  unsupported_media_type: 415,
};

/** When to try again after a 503 if the error does not say. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** What a 503 says: an outage's detail (hosts, ports, driver messages) goes to the log only. */
const UNAVAILABLE_MESSAGE = "A storage service is unavailable; try again shortly.";

function body(code: string, message: string): ErrorBody {
  const requestId = currentRequestId();
  // The id lets a caller quote the exact request to whoever reads the logs.
  return { error: { code, message, ...(requestId ? { requestId } : {}) } };
}

/**
 * The HTTP answer for an error the product expects (the domain's typed errors, the edge's
 * `HttpError`, Hono's `HTTPException`), or null for anything else: a bug, answered 500. The one
 * place a domain error becomes a status, shared by the JSON functions and the pages.
 */
export function httpAnswerFor(err: unknown): HttpAnswer | null {
  if (err instanceof HttpError) {
    return {
      status: err.status as ContentfulStatusCode,
      code: err.code,
      message: err.message,
      headers: err.headers,
    };
  }
  if (err instanceof NotFoundError) return answer(404, err);
  if (err instanceof InvalidError) return answer(INVALID_STATUS[err.code] ?? 422, err);
  if (err instanceof ConflictError) return answer(409, err);
  if (err instanceof ForbiddenError) return answer(403, err);
  if (err instanceof UnavailableError) {
    const seconds = err.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
    return {
      status: 503,
      code: err.code,
      message: UNAVAILABLE_MESSAGE,
      headers: { "Retry-After": String(Math.max(1, Math.ceil(seconds))) },
    };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413
      ? "payload_too_large"
      : status === 401
      ? "unauthorized"
      : "http_error";
    return { status, code, message: err.message || "Request failed", headers: {} };
  }
  return null;
}

function answer(status: ContentfulStatusCode, err: { code: string; message: string }): HttpAnswer {
  return { status, code: err.code, message: err.message, headers: {} };
}

/**
 * Log fields for an error: its message, its stack, and the chain of causes (each with its own
 * stack), so an adapter's translated error still shows the driver error behind it.
 */
export function errorLogFields(err: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { error: String(err) };
  if (err instanceof Error && err.stack) fields.stack = err.stack;
  const causes: string[] = [];
  let cause = err instanceof Error ? err.cause : undefined;
  // Bounded: a cause chain can be cyclic.
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    causes.push(cause instanceof Error ? cause.stack ?? String(cause) : String(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (causes.length > 0) fields.cause = causes.length === 1 ? causes[0] : causes;
  return fields;
}

/** The one error-mapping middleware: handlers throw, this answers `{error: {code, message}}`. */
export function errorHandler(log: Logger): ErrorHandler {
  return (err: Error, c: Context) => {
    const mapped = httpAnswerFor(err);
    if (!mapped) {
      log.error("unhandled_error", { path: c.req.path, ...errorLogFields(err) });
      return c.json(body("internal", "Internal error"), 500);
    }
    if (err instanceof UnavailableError) {
      log.error("dependency_unavailable", { path: c.req.path, ...errorLogFields(err) });
    }
    for (const [k, v] of Object.entries(mapped.headers)) c.header(k, v);
    return c.json(body(mapped.code, mapped.message), mapped.status);
  };
}

export const notFoundJson: NotFoundHandler = (c) =>
  c.json(body("not_found", `No route for ${c.req.method} ${c.req.path}`), 404);
