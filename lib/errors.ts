/**
 * The errors domain code throws. They say what went wrong in the product's terms; only the edge
 * (`functions/*`, routes, through `lib/http/error_middleware.ts`) turns them into HTTP statuses.
 * Each keeps what caused it in `cause`.
 */

/** Fields every domain error carries: a stable machine-readable code and what caused it. */
export interface DomainErrorOptions {
  /** A short snake_case code for API answers (`not_found`, `not_an_email`, …). */
  code?: string;
  cause?: unknown;
}

abstract class DomainError extends Error {
  readonly code: string;
  constructor(message: string, defaultCode: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? defaultCode;
    this.name = new.target.name;
  }
}

/** What was asked for does not exist (a complaint, an attachment, a record). */
export class NotFoundError extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, "not_found", options);
  }
}

/** The input cannot be used as given (not an email, a bad value); saying so again will not help. */
export class InvalidError extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, "invalid", options);
  }
}

/** The caller may not do this (an agent changing another team's saved reply). */
export class ForbiddenError extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, "forbidden", options);
  }
}

/** The request contradicts the current state (reprocessing a complaint that did not fail). */
export class ConflictError extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, "conflict", options);
  }
}

/**
 * An outside system (database, blob store, cache, a busy budget) cannot serve now; trying again
 * later can succeed. `retryAfterSeconds` says when, if known.
 */
export class UnavailableError extends DomainError {
  readonly retryAfterSeconds?: number;
  constructor(message: string, options: DomainErrorOptions & { retryAfterSeconds?: number } = {}) {
    super(message, "unavailable", options);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
